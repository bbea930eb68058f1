package dev.trapdoor.engine.exec;

/**
 * A v128 as two longs, {@code lo} holding bytes 0-7 and {@code hi} bytes 8-15 (little-endian lane order: lane 0 of
 * any shape is in the low bits of {@code lo}), and its lanes unpacked into {@code long[]}s for lane-wise work.
 * Widths are in bits (8, 16, 32, 64).
 */
final class V128 {
    private V128() {
    }

    /** Lanes of {@code width} bits of (lo, hi) into {@code out}, sign-extended or zero-extended. */
    static void unpack(long lo, long hi, int width, boolean signed, long[] out) {
        int perLong = 64 / width;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        int shift = 64 - width;
        for (int i = 0; i < perLong; i++) {
            long l = lo >>> (i * width) & mask;
            long h = hi >>> (i * width) & mask;
            out[i] = signed ? l << shift >> shift : l;
            out[perLong + i] = signed ? h << shift >> shift : h;
        }
    }

    /** The low long of lanes {@code in} of {@code width} bits, each truncated to its width. */
    static long packLo(long[] in, int width) {
        return pack(in, width, 0);
    }

    static long packHi(long[] in, int width) {
        return pack(in, width, 64 / width);
    }

    private static long pack(long[] in, int width, int from) {
        int perLong = 64 / width;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long v = 0;
        for (int i = 0; i < perLong; i++) {
            v |= (in[from + i] & mask) << (i * width);
        }
        return v;
    }

    /** Lane {@code i} of {@code width} bits, zero-extended. */
    static long lane(long lo, long hi, int width, int i) {
        int perLong = 64 / width;
        long v = i < perLong ? lo : hi;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return v >>> ((i % perLong) * width) & mask;
    }

    /** (lo, hi) with lane {@code i} of {@code width} bits replaced; returns the changed half in the order asked. */
    static long withLane(long half, int width, int laneInHalf, long value) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        int shift = laneInHalf * width;
        return half & ~(mask << shift) | (value & mask) << shift;
    }
}
