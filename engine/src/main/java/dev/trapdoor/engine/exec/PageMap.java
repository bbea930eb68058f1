package dev.trapdoor.engine.exec;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Which pages of an allocated block the kernel has backed with memory, from Linux's {@code /proc/self/pagemap}, so that
 * a grow need not write zeros over pages that are zero already.
 *
 * <p>{@code Unsafe.allocateMemory} promises nothing of a block's contents, but a page of a private anonymous mapping
 * that is neither present nor swapped out has never been written since it was mapped or discarded: the kernel fills it
 * with zeros when it is first touched. So only the <em>backed</em> pages of a range can hold anything else (pages
 * malloc recycled, the page the memory's old end shares with the new range). glibc serves every large allocation
 * (every memory without a small declared maximum reserves 2 GiB) with a fresh mapping of its own, so a grow there
 * finds no backed page and writes nothing, and the guest's first write to each page is the only fault it costs.
 * Writing zeros over a grown range instead faults in all of it: 16 faults per Wasm page, ~0.2 s for 64 MiB on a
 * 2-core VM, for pages a guest may never use (benchmarks/RESULTS.md, session 13).
 *
 * <p>A range qualifies only when {@code /proc/self/maps} shows it inside private anonymous mappings ({@link
 * #anonymous}): a file mapping's untouched pages read the file. The pagemap is trusted only after it reported a page
 * this class had just written as present; anything unreadable answers "zero it all", so without {@code /proc} (not
 * Linux, a sandbox) a grow zeroes what it adds as before. {@code -Dtrapdoor.memory.pagemap=false} does the same.
 */
final class PageMap {
    static final String PROPERTY = "trapdoor.memory.pagemap";
    private static final long PRESENT = 1L << 63;
    private static final long SWAPPED = 1L << 62;
    private static final int PAGE = RawMemory.UNSAFE.pageSize();
    /** Pagemap entries read at once (8 bytes each, 4 MiB of memory): a 64 KiB Wasm page is 16 of them. */
    private static final int BATCH = 1024;

    /** The open pagemap, or null when it is unusable; read under the class's lock (a seek and a read). */
    private static RandomAccessFile pagemap;
    private static boolean opened;

    private PageMap() {
    }

    /**
     * True when the kernel's page map can be read and every page of {@code [address, address + length)} lies in
     * private anonymous mappings, so {@link #zeroBacked} may stand in for zeroing the whole range. Reads
     * {@code /proc/self/maps} (0.2-0.4 ms in a fresh JVM): asked once per block.
     */
    static boolean anonymous(long address, long length) {
        if (length <= 0 || !usable()) {
            return false;
        }
        byte[] maps;
        try (FileInputStream in = new FileInputStream("/proc/self/maps")) {
            maps = in.readAllBytes();
        } catch (IOException | SecurityException e) {
            return false;
        }
        return MapsLines.coverAnonymously(maps, address, address + length);
    }

    /**
     * Zeroes the bytes of {@code [from, to)} that lie on pages the kernel has backed (present, or swapped out); the
     * others read as zero already. Only for ranges {@link #anonymous} accepted. The entries past {@code to}, up to
     * {@code ahead}, come with the same read: returns how far past {@code to} every page was unbacked, so that its
     * bytes are zero now and stay zero while nobody writes them (a grow need not look there again). Where the map
     * cannot be read the rest of {@code [from, to)} is zeroed and {@code to} returned.
     */
    static long zeroBacked(long from, long to, long ahead) {
        long page = Math.floorDiv(from, PAGE);
        long lastPage = Math.floorDiv(Math.max(to, ahead) - 1, PAGE);
        byte[] entries = new byte[(int) Math.min(BATCH, lastPage - page + 1) * Long.BYTES];
        long zeroTo = to;
        while (page <= lastPage) {
            int n = (int) Math.min(BATCH, lastPage - page + 1);
            if (!read(page, entries, n)) {
                long rest = Math.max(from, page * PAGE);
                if (rest < to) {
                    RawMemory.zero(rest, to - rest);
                }
                return to;
            }
            for (int i = 0; i < n; i++) {
                long pageStart = (page + i) * PAGE;
                long pageEnd = pageStart + PAGE;
                boolean backed = (entry(entries, i) & (PRESENT | SWAPPED)) != 0;
                if (backed && pageStart < to) {
                    long at = Math.max(from, pageStart);
                    RawMemory.zero(at, Math.min(to, pageEnd) - at);
                }
                if (pageEnd > to) {
                    if (backed) {
                        return zeroTo;
                    }
                    zeroTo = Math.max(zeroTo, Math.min(ahead, pageEnd));
                }
            }
            page += n;
        }
        return zeroTo;
    }

    /** Whether the page holding {@code address} is backed (tests: a grow must not have touched it). */
    static boolean backed(long address) {
        byte[] e = new byte[Long.BYTES];
        return !read(Math.floorDiv(address, PAGE), e, 1) || (entry(e, 0) & (PRESENT | SWAPPED)) != 0;
    }

    private static long entry(byte[] entries, int i) {
        long v = 0;
        for (int b = Long.BYTES - 1; b >= 0; b--) {
            v = v << 8 | (entries[i * Long.BYTES + b] & 0xFF);
        }
        return v;
    }

    private static synchronized boolean read(long page, byte[] into, int entries) {
        if (pagemap == null) {
            return false;
        }
        try {
            pagemap.seek(page * Long.BYTES);
            pagemap.readFully(into, 0, entries * Long.BYTES);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens the page map once and checks that it shows a page just written as present. */
    private static synchronized boolean usable() {
        if (!opened) {
            opened = true;
            if (!"false".equals(System.getProperty(PROPERTY))) {
                pagemap = open();
            }
        }
        return pagemap != null;
    }

    private static RandomAccessFile open() {
        RandomAccessFile file;
        try {
            file = new RandomAccessFile("/proc/self/pagemap", "r");
        } catch (IOException | SecurityException e) {
            return null;
        }
        pagemap = file;
        long block = RawMemory.UNSAFE.allocateMemory(2L * PAGE);
        try {
            long page = Math.floorDiv(block + PAGE - 1, PAGE) * PAGE;
            RawMemory.UNSAFE.putByte(page, (byte) 1);
            byte[] e = new byte[Long.BYTES];
            if (read(page / PAGE, e, 1) && (entry(e, 0) & PRESENT) != 0) {
                return file;
            }
        } finally {
            RawMemory.UNSAFE.freeMemory(block);
        }
        try {
            file.close();
        } catch (IOException e) {
            // nothing was written; the map is not used either way
        }
        return null;
    }
}
