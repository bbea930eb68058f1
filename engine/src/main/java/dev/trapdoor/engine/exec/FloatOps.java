package dev.trapdoor.engine.exec;

/**
 * The less frequent numeric instructions: f32 arithmetic and comparisons, float rounding, min/max/copysign,
 * conversions and sign extensions. Kept out of the interpreter's dispatch method so that method stays small enough
 * for HotSpot to compile. Each returns the pc of the next instruction.
 */
final class FloatOps {
    private FloatOps() {
    }

    private static float f(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    private static double d(long slot) {
        return Double.longBitsToDouble(slot);
    }

    private static long bits(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long bool(boolean b) {
        return b ? 1 : 0;
    }

    /** Wasm min: NaN wins (made quiet), and -0 is below +0, which Math.min already does. */
    private static float min(float a, float b) {
        return Float.isNaN(a) || Float.isNaN(b) ? a + b : Math.min(a, b);
    }

    private static float max(float a, float b) {
        return Float.isNaN(a) || Float.isNaN(b) ? a + b : Math.max(a, b);
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? a + b : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? a + b : Math.max(a, b);
    }

    /**
     * Java's rounding functions hand a NaN back unchanged; Wasm requires a quiet (arithmetic) NaN. Compiled code calls
     * this and the two truncations below too (compile.RoundingOps).
     */
    static double quiet(double v) {
        return v != v ? v + 0.0 : v;
    }

    /**
     * {@code Math.rint} with a NaN's sign kept. StrictMath's Java code, which the JVM's interpreter and C1 run, drops it
     * ({@code sign * abs(a)} gives the positive NaN); C2's intrinsic keeps it. Without this, {@code f32.nearest} of a
     * negative NaN gave different bits in the two tiers, and in one tier before and after C2 compiled the caller.
     */
    static double rint(double v) {
        return v != v ? v + 0.0 : Math.rint(v);
    }

    static float truncF(float v) {
        return (float) (v < 0 ? Math.ceil(v) : Math.floor(v));
    }

    static double truncD(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** Float abs, neg, rounding and sqrt (0x8B-0x91, 0x99-0x9F). */
    static long rounding(int op, long a) {
        switch (op) {
            case 0x8B: return a & 0x7FFF_FFFFL;
            case 0x8C: return (a ^ 0x8000_0000L) & 0xFFFF_FFFFL;
            case 0x8D: return bits((float) Math.ceil(f(a)));
            case 0x8E: return bits((float) Math.floor(f(a)));
            case 0x8F: return bits(truncF(f(a)));
            case 0x90: return bits((float) rint(f(a)));
            case 0x91: return bits((float) Math.sqrt(f(a)));
            case 0x99: return a & Long.MAX_VALUE;
            case 0x9A: return a ^ Long.MIN_VALUE;
            case 0x9B: return bits(quiet(Math.ceil(d(a))));
            case 0x9C: return bits(quiet(Math.floor(d(a))));
            case 0x9D: return bits(quiet(truncD(d(a))));
            case 0x9E: return bits(quiet(rint(d(a))));
            case 0x9F: return bits(quiet(Math.sqrt(d(a))));
            default: throw new IllegalStateException("not a float rounding op: 0x" + Integer.toHexString(op));
        }
    }

    /** Conversions, reinterpretations, sign extensions and saturating truncations (0xA7-0xC4, 0xE0-0xE7). */
    static long unary(int op, long a) {
        switch (op) {
            case 0xA7: return (int) a;
            case 0xA8: return Arith.i32TruncS(f(a), "i32.trunc_f32_s");
            case 0xA9: return Arith.i32TruncU(f(a), "i32.trunc_f32_u");
            case 0xAA: return Arith.i32TruncS(d(a), "i32.trunc_f64_s");
            case 0xAB: return Arith.i32TruncU(d(a), "i32.trunc_f64_u");
            case 0xAC: return (int) a;
            case 0xAD: return a & 0xFFFF_FFFFL;
            case 0xAE: return Arith.i64TruncS(f(a), "i64.trunc_f32_s");
            case 0xAF: return Arith.i64TruncU(f(a), "i64.trunc_f32_u");
            case 0xB0: return Arith.i64TruncS(d(a), "i64.trunc_f64_s");
            case 0xB1: return Arith.i64TruncU(d(a), "i64.trunc_f64_u");
            case 0xB2: return bits((float) (int) a);
            case 0xB3: return bits((float) (a & 0xFFFF_FFFFL));
            case 0xB4: return bits((float) a);
            case 0xB5: return bits(Arith.u64ToF32(a));
            case 0xB6: return bits((float) d(a));
            case 0xB7: return bits((double) (int) a);
            case 0xB8: return bits((double) (a & 0xFFFF_FFFFL));
            case 0xB9: return bits((double) a);
            case 0xBA: return bits(Arith.u64ToF64(a));
            case 0xBB: return bits((double) f(a));
            case 0xBC: case 0xBE: return a & 0xFFFF_FFFFL;
            case 0xBD: case 0xBF: return a;
            case 0xC0: return (byte) a;
            case 0xC1: return (short) a;
            case 0xC2: return (byte) a;
            case 0xC3: return (short) a;
            case 0xC4: return (int) a;
            case Op.TRUNC_SAT: return (int) f(a);
            case Op.TRUNC_SAT + 1: return Arith.satU32(f(a));
            case Op.TRUNC_SAT + 2: return (int) d(a);
            case Op.TRUNC_SAT + 3: return Arith.satU32(d(a));
            case Op.TRUNC_SAT + 4: return (long) f(a);
            case Op.TRUNC_SAT + 5: return Arith.satU64(f(a));
            case Op.TRUNC_SAT + 6: return (long) d(a);
            case Op.TRUNC_SAT + 7: return Arith.satU64(d(a));
            default: throw new IllegalStateException("not a unary float op: 0x" + Integer.toHexString(op));
        }
    }

    /** f32 comparisons (0x5B-0x60). Small enough for HotSpot to inline into the dispatch loop. */
    static long f32Compare(int op, long a, long b) {
        float x = f(a);
        float y = f(b);
        switch (op) {
            case 0x5B: return bool(x == y);
            case 0x5C: return bool(x != y);
            case 0x5D: return bool(x < y);
            case 0x5E: return bool(x > y);
            case 0x5F: return bool(x <= y);
            default: return bool(x >= y);
        }
    }


    /** Executes the remaining binary float instructions (min, max, copysign) on slots {@code a} and {@code b}. */
    static long binary(int op, long a, long b) {
        switch (op) {
            case 0x96: return bits(min(f(a), f(b)));
            case 0x97: return bits(max(f(a), f(b)));
            case 0x98: return (a & 0x7FFF_FFFFL) | (b & 0x8000_0000L);
            case 0xA4: return bits(min(d(a), d(b)));
            case 0xA5: return bits(max(d(a), d(b)));
            case 0xA6: return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
            default: throw new IllegalStateException("not a binary float op: 0x" + Integer.toHexString(op));
        }
    }
}
