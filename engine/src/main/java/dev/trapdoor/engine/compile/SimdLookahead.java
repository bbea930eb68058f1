package dev.trapdoor.engine.compile;

/**
 * Which instruction reads a whole v128 load's result, from the function's bytes: a load whose value goes straight
 * into f32x4 arithmetic (saxpy's {@code v128.load; f32x4.add} and {@code v128.load; v128.const; f32x4.mul}) loads its
 * four lanes as floats ({@link F32Lanes}) instead of two {@code long}s that the arithmetic would take apart again.
 * Every other load keeps the two halves. Reading ahead is safe: the body was validated before it is compiled.
 */
final class SimdLookahead {
    private final byte[] bytes;

    SimdLookahead(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Whether the {@code v128.load} at {@code moduleOffset} feeds an f32x4 add, sub, mul or div. */
    boolean loadFeedsF32(int moduleOffset) {
        int p = moduleOffset + 1;
        p = skipLeb(p); // the 0x00 of v128.load
        long align = readLeb(p);
        p = skipLeb(p);
        if ((align & 0x40) != 0) {
            p = skipLeb(p); // a memory index
        }
        p = skipLeb(p); // the offset
        if (subAt(p) == 0x0C) {
            p = skipLeb(p + 1) + 16;
        }
        int sub = subAt(p);
        return sub >= 0xE4 && sub <= 0xE7;
    }

    /** The SIMD sub-opcode at {@code p}, or -1 when no SIMD instruction starts there. */
    private int subAt(int p) {
        if (p >= bytes.length || (bytes[p] & 0xFF) != 0xFD) {
            return -1;
        }
        long sub = readLeb(p + 1);
        return sub > 0xFFFF ? -1 : (int) sub;
    }

    private int skipLeb(int p) {
        while (p < bytes.length && (bytes[p] & 0x80) != 0) {
            p++;
        }
        return p + 1;
    }

    private long readLeb(int p) {
        long v = 0;
        for (int shift = 0; p < bytes.length && shift < 64; shift += 7, p++) {
            v |= (long) (bytes[p] & 0x7F) << shift;
            if ((bytes[p] & 0x80) == 0) {
                break;
            }
        }
        return v;
    }
}
