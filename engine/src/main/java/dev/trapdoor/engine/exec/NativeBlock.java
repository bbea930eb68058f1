package dev.trapdoor.engine.exec;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One memory's native storage: {@link #address} and {@link #length} reserved, and how to give them back ({@link #run},
 * which a memory's {@code Cleaner} calls at most once; it must never reach the memory, which would keep it reachable).
 *
 * <p>Two kinds. A <em>mapped</em> block is a private mapping of a fresh sparse temp file, deleted as soon as it is
 * mapped: its holes read as zero and the kernel backs a page only when it is first touched, so the block is zero
 * without anyone writing it ({@link #lazyZero}), and a grow need not touch the pages it adds. The guest's writes go
 * to private anonymous pages; nothing is ever written to the file. JDK 17 offers no anonymous mapping (mapping
 * {@code /dev/zero} fails: the channel tries to extend it), hence the file. An <em>allocated</em> block is
 * {@code Unsafe.allocateMemory}, with undefined contents: the fallback when mapping is switched off, the temp
 * directory is a tmpfs (there a page of the file is allocated in memory when touched, so every touched page would
 * cost twice) or not writable, or the mapping fails.
 */
final class NativeBlock implements Runnable {
    /** Set to {@code false} to use allocated blocks only (tests of the fallback; a host that forbids temp files). */
    static final String MAP_PROPERTY = "trapdoor.memory.map";
    /** Below this a grow's zeroing costs too little to be worth a file and a mapping. */
    private static final long MAP_AT_LEAST = 1 << 20;
    private static final AtomicLong FILES = new AtomicLong();
    /** Whether the temp directory can serve mappings: found out once, cleared for good when a mapping fails. */
    private static volatile Boolean mappable;

    final long address;
    final long length;
    /** True when every byte of the block read as zero before anyone wrote it (a mapped block). */
    final boolean lazyZero;
    /** The mapping, kept reachable here so that its own cleaner cannot unmap it early; null for allocated blocks. */
    private final MappedByteBuffer mapping;

    private NativeBlock(long address, long length, MappedByteBuffer mapping) {
        this.address = address;
        this.length = length;
        this.lazyZero = mapping != null;
        this.mapping = mapping;
    }

    static NativeBlock allocated(long address, long length) {
        return new NativeBlock(address, length, null);
    }

    /** A mapped block of {@code bytes}, or null when mapping is off, does not fit one mapping, or fails. */
    static NativeBlock map(long bytes) {
        if (bytes < MAP_AT_LEAST || bytes > Integer.MAX_VALUE || !"true".equals(System.getProperty(MAP_PROPERTY))
                || !mappable()) {
            return null;
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        MappedByteBuffer buffer = null;
        for (int attempt = 0; buffer == null; attempt++) {
            // Unique enough without the pid (ProcessHandle costs a fresh JVM class loading and lambda spinning);
            // CREATE_NEW settles the rare clash. A StringBuilder, as string concatenation would spin method handles
            // for its shape on first use.
            Path file = dir.resolve(new StringBuilder("trapdoor-memory-").append(Long.toHexString(System.nanoTime()))
                    .append('-').append(FILES.incrementAndGet()).toString());
            try {
                buffer = mapFresh(file, bytes);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 3) {
                    mappable = false;
                    return null;
                }
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                mappable = false;
                return null;
            }
        }
        long address = RawMemory.UNSAFE.getLong(buffer, BufferAddress.OFFSET);
        return new NativeBlock(address, bytes, buffer);
    }

    private static MappedByteBuffer mapFresh(Path file, long bytes) throws IOException {
        // CREATE_NEW and NOFOLLOW_LINKS: a fresh, empty file of our own, never one planted under the name.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            try {
                // Extends the file sparsely; the mapping outlives the channel.
                return channel.map(FileChannel.MapMode.PRIVATE, 0, bytes);
            } finally {
                // At once, so that no file is left behind whatever happens to the process later.
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean mappable() {
        Boolean m = mappable;
        if (m == null) {
            m = !unsuitableTempDir();
            mappable = m;
        }
        return m;
    }

    /** A tmpfs, or a directory whose file system cannot be told. */
    private static boolean unsuitableTempDir() {
        try {
            return "tmpfs".equals(Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).type());
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Gives the storage back: unmaps or frees. */
    @Override
    public void run() {
        if (mapping != null) {
            RawMemory.UNSAFE.invokeCleaner(mapping);
        } else {
            RawMemory.UNSAFE.freeMemory(address);
        }
    }

    /** Where a direct buffer keeps its address, looked up only once a mapping exists. */
    private static final class BufferAddress {
        static final long OFFSET;

        static {
            try {
                OFFSET = RawMemory.UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            } catch (NoSuchFieldException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
