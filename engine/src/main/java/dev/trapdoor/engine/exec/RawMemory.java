package dev.trapdoor.engine.exec;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

import sun.misc.Unsafe;

/**
 * Native storage of linear memories: a block reserved once at a stable address, read and written through
 * {@code sun.misc.Unsafe} with a literally null base object, which C2 compiles to a plain load or store. Every caller
 * checks the access against the memory's size first: nothing here checks anything, and an access outside a live block
 * crashes the JVM.
 *
 * <p>Unsafe accesses are in the host's byte order; Wasm is little-endian, so the engine refuses to start on a
 * big-endian host rather than swap bytes on every access.
 */
final class RawMemory {
    static final Unsafe UNSAFE;
    static final long BYTE_ARRAY_BASE;
    /** Blocks allocated and not yet freed: past {@link #GC_HINT_BLOCKS}, a GC now and then runs the Cleaners. */
    private static final AtomicLong LIVE_BLOCKS = new AtomicLong();
    /** Each block is a mapping of its own, and the kernel limits a process to about 65530 of them. */
    private static final long GC_HINT_BLOCKS = 8192;

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("Trapdoor runs on little-endian hosts only (amd64, aarch64);"
                    + " this one is " + ByteOrder.nativeOrder());
        }
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            UNSAFE = (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        BYTE_ARRAY_BASE = UNSAFE.arrayBaseOffset(byte[].class);
    }

    private RawMemory() {
    }

    /**
     * Reserves {@code bytes} of address space: a mapped block that reads as zero when one can be had
     * ({@link NativeBlock#map}), else an allocated one of undefined contents, halving down to {@code atLeast} when the
     * system refuses. Throws {@link OutOfMemoryError} when not even {@code atLeast} can be had. Either way the pages
     * nobody touches cost no memory (glibc serves a large allocation with a fresh mapping too, but says nothing of its
     * contents). The block is given back by its {@link NativeBlock#run}.
     */
    static NativeBlock reserve(long bytes, long atLeast) {
        if (bytes == 0) {
            return NativeBlock.allocated(0, 0);
        }
        long live = LIVE_BLOCKS.incrementAndGet();
        if (live >= GC_HINT_BLOCKS && live % 1024 == 0) {
            // Unreachable memories' blocks are given back only after a GC; memories that are all reachable should not
            // cost a GC each, hence once every 1024.
            System.gc();
        }
        NativeBlock mapped = NativeBlock.map(bytes);
        if (mapped != null) {
            return mapped;
        }
        OutOfMemoryError last = null;
        for (long want = bytes; want >= atLeast && want > 0; want = want == atLeast ? 0 : Math.max(atLeast, want / 2)) {
            try {
                return NativeBlock.allocated(UNSAFE.allocateMemory(want), want);
            } catch (OutOfMemoryError e) {
                last = e;
            }
        }
        LIVE_BLOCKS.decrementAndGet();
        throw last != null ? last : new OutOfMemoryError("no native block of " + atLeast + " bytes");
    }

    /** Gives {@code block} back (a memory's Cleaner action). */
    static void release(NativeBlock block) {
        if (block.length != 0) {
            block.run();
            LIVE_BLOCKS.decrementAndGet();
        }
    }

    static void zero(long address, long bytes) {
        UNSAFE.setMemory(null, address, bytes, (byte) 0);
    }

    static byte getByte(long base, int index) {
        return UNSAFE.getByte(null, base + index);
    }

    static short getShort(long base, int index) {
        return UNSAFE.getShort(null, base + index);
    }

    static int getInt(long base, int index) {
        return UNSAFE.getInt(null, base + index);
    }

    static long getLong(long base, int index) {
        return UNSAFE.getLong(null, base + index);
    }

    static void putByte(long base, int index, byte value) {
        UNSAFE.putByte(null, base + index, value);
    }

    static void putShort(long base, int index, short value) {
        UNSAFE.putShort(null, base + index, value);
    }

    static void putInt(long base, int index, int value) {
        UNSAFE.putInt(null, base + index, value);
    }

    static void putLong(long base, int index, long value) {
        UNSAFE.putLong(null, base + index, value);
    }

    static void toArray(long base, int index, byte[] dst, int dstOffset, int length) {
        UNSAFE.copyMemory(null, base + index, dst, BYTE_ARRAY_BASE + dstOffset, length);
    }

    static void fromArray(byte[] src, int srcOffset, long base, int index, int length) {
        UNSAFE.copyMemory(src, BYTE_ARRAY_BASE + srcOffset, null, base + index, length);
    }

    /** Copies within or between blocks; overlapping ranges copy as if through a buffer (memmove). */
    static void copy(long srcBase, int src, long dstBase, int dst, int length) {
        UNSAFE.copyMemory(null, srcBase + src, null, dstBase + dst, length);
    }
}
