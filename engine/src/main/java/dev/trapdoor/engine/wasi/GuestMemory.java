package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.nio.charset.StandardCharsets;

/**
 * Reads and writes the preview 1 shapes in guest memory: iovec lists (8 bytes each: pointer, length) and strings.
 * A pointer outside memory fails with {@code EFAULT} before anything is transferred.
 */
final class GuestMemory {
    /** Largest single transfer; larger requests complete partially, which every caller of read/write handles. */
    static final int MAX_TRANSFER = 16 * 1024 * 1024;

    private GuestMemory() {
    }

    /** The (pointer, length) pairs of an iovec list, bounds-checked. */
    static long[][] iovecs(MemoryInstance mem, int iovs, int count) throws ErrnoException {
        if (count < 0 || !mem.inBounds(Integer.toUnsignedLong(iovs), (long) count * 8)) {
            throw new ErrnoException(Errno.EFAULT);
        }
        long[][] out = new long[count][2];
        for (int i = 0; i < count; i++) {
            long ptr = Integer.toUnsignedLong(mem.readInt(Integer.toUnsignedLong(iovs) + i * 8L));
            long len = Integer.toUnsignedLong(mem.readInt(Integer.toUnsignedLong(iovs) + i * 8L + 4));
            if (!mem.inBounds(ptr, len)) {
                throw new ErrnoException(Errno.EFAULT);
            }
            out[i][0] = ptr;
            out[i][1] = len;
        }
        return out;
    }

    static int totalLength(long[][] iovecs) {
        long total = 0;
        for (long[] v : iovecs) {
            total += v[1];
        }
        return (int) Math.min(total, MAX_TRANSFER);
    }

    /** Concatenates the buffers an iovec list names (up to {@link #MAX_TRANSFER} bytes). */
    static byte[] gather(MemoryInstance mem, long[][] iovecs) {
        byte[] out = new byte[totalLength(iovecs)];
        int at = 0;
        for (long[] v : iovecs) {
            int n = (int) Math.min(v[1], out.length - at);
            mem.read(v[0], out, at, n);
            at += n;
        }
        return out;
    }

    /** Spreads {@code length} bytes over the buffers an iovec list names. */
    static void scatter(MemoryInstance mem, long[][] iovecs, byte[] data, int length) {
        int at = 0;
        for (long[] v : iovecs) {
            if (at >= length) {
                break;
            }
            int n = (int) Math.min(v[1], length - at);
            mem.write(v[0], data, at, n);
            at += n;
        }
    }

    static String string(MemoryInstance mem, int ptr, int len) throws ErrnoException {
        if (len < 0 || !mem.inBounds(Integer.toUnsignedLong(ptr), len)) {
            throw new ErrnoException(Errno.EFAULT);
        }
        byte[] bytes = mem.read(Integer.toUnsignedLong(ptr), len);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ErrnoException(Errno.EILSEQ);
        }
    }

    static void writeU32(MemoryInstance mem, int ptr, int value) {
        mem.writeInt(Integer.toUnsignedLong(ptr), value);
    }

    static void writeU64(MemoryInstance mem, int ptr, long value) {
        mem.writeLong(Integer.toUnsignedLong(ptr), value);
    }
}
