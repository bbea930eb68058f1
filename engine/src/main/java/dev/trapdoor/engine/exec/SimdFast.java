package dev.trapdoor.engine.exec;

/**
 * The SIMD instructions vectorized C loops use most, computed on the two halves directly instead of through
 * unpacked lanes ({@link SimdLanes}, {@link SimdFloats}): same results, without the lane arrays' traffic.
 */
final class SimdFast {
    private SimdFast() {
    }

    /** Computes {@code sub} into {@code x} and returns true, or returns false when it has no fast form here. */
    static boolean compute(int sub, long aLo, long aHi, long bLo, long bHi, SimdScratch x) {
        switch (sub) {
            case 0xAE -> x.set(i32x2(aLo, bLo, 0), i32x2(aHi, bHi, 0));
            case 0xB1 -> x.set(i32x2(aLo, bLo, 1), i32x2(aHi, bHi, 1));
            case 0xB5 -> x.set(i32x2(aLo, bLo, 2), i32x2(aHi, bHi, 2));
            case 0xCE -> x.set(aLo + bLo, aHi + bHi);
            case 0xD1 -> x.set(aLo - bLo, aHi - bHi);
            case 0xE4, 0xE5, 0xE6, 0xE7 -> x.set(f32x2(aLo, bLo, sub), f32x2(aHi, bHi, sub));
            case 0xF0, 0xF1, 0xF2, 0xF3 -> x.set(f64(aLo, bLo, sub), f64(aHi, bHi, sub));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Two i32 lanes of a half: add (0), sub (1) or mul (2). */
    private static long i32x2(long a, long b, int op) {
        int a0 = (int) a;
        int a1 = (int) (a >>> 32);
        int b0 = (int) b;
        int b1 = (int) (b >>> 32);
        int r0 = op == 0 ? a0 + b0 : op == 1 ? a0 - b0 : a0 * b0;
        int r1 = op == 0 ? a1 + b1 : op == 1 ? a1 - b1 : a1 * b1;
        return (long) r1 << 32 | r0 & 0xFFFF_FFFFL;
    }

    private static long f32x2(long a, long b, int sub) {
        return (long) f32(a >>> 32, b >>> 32, sub) << 32 | f32(a, b, sub) & 0xFFFF_FFFFL;
    }

    private static int f32(long a, long b, int sub) {
        float x = Float.intBitsToFloat((int) a);
        float y = Float.intBitsToFloat((int) b);
        return Float.floatToRawIntBits(switch (sub) {
            case 0xE4 -> x + y;
            case 0xE5 -> x - y;
            case 0xE6 -> x * y;
            default -> x / y;
        });
    }

    private static long f64(long a, long b, int sub) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(switch (sub) {
            case 0xF0 -> x + y;
            case 0xF1 -> x - y;
            case 0xF2 -> x * y;
            default -> x / y;
        });
    }
}
