package dev.trapdoor.engine.exec;

/**
 * The f32x4 and f64x2 instructions and the conversions between float and integer lanes. Each lane follows the scalar
 * instruction of the same meaning ({@link FloatOps}), so NaN results are the scalar ones: quiet, with the canonical
 * payload when every NaN operand had it. Relaxed SIMD's float forms are fixed to one behaviour each (see
 * ARCHITECTURE.md): fused multiply-add, min/max and truncation as their non-relaxed counterparts.
 */
final class SimdFloats {
    private SimdFloats() {
    }

    /** Whether sub-opcode {@code sub} works on float lanes (or converts from or to them). */
    static boolean isFloat(int sub) {
        return sub >= 0x41 && sub <= 0x4C || sub == 0x5E || sub == 0x5F || sub >= 0x67 && sub <= 0x6A
                || sub == 0x74 || sub == 0x75 || sub == 0x7A || sub == 0x94 || sub >= 0xE0 && sub <= 0xFF
                || sub >= 0x101 && sub <= 0x108 || sub >= 0x10D && sub <= 0x110;
    }

    static void compute(int sub, long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, SimdScratch x) {
        boolean f64 = sub >= 0x47 && sub <= 0x4C || sub == 0x5E || sub == 0x74 || sub == 0x75 || sub == 0x7A
                || sub == 0x94 || sub >= 0xEC && sub <= 0xF7 || sub >= 0xFC && sub <= 0xFD || sub == 0x103
                || sub == 0x104 || sub == 0x107 || sub == 0x108 || sub == 0x10F || sub == 0x110;
        int width = f64 ? 64 : 32;
        int n = 128 / width;
        V128.unpack(aLo, aHi, width, false, x.a);
        V128.unpack(bLo, bHi, width, false, x.b);
        V128.unpack(cLo, cHi, width, false, x.c);
        long[] a = x.a;
        long[] b = x.b;
        long[] r = x.r;
        int outWidth = width;
        for (int i = 0; i < n; i++) {
            r[i] = f64 ? lane64(sub, a[i], b[i], x.c[i]) : lane32(sub, a[i], b[i], x.c[i]);
        }
        switch (sub) {
            case 0x5E, 0xFC, 0xFD, 0x103, 0x104 -> { // two f64 lanes to i32/f32 lanes 0-1, lanes 2-3 zero
                r[2] = 0;
                r[3] = 0;
                outWidth = 32;
            }
            case 0x5F, 0xFE, 0xFF -> outWidth = 64; // the low two 32-bit lanes to two 64-bit lanes
            default -> {
            }
        }
        x.pack(outWidth);
    }

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long lane32(int sub, long a, long b, long c) {
        return switch (sub) {
            case 0x41 -> f(a) == f(b) ? -1 : 0;
            case 0x42 -> f(a) != f(b) ? -1 : 0;
            case 0x43 -> f(a) < f(b) ? -1 : 0;
            case 0x44 -> f(a) > f(b) ? -1 : 0;
            case 0x45 -> f(a) <= f(b) ? -1 : 0;
            case 0x46 -> f(a) >= f(b) ? -1 : 0;
            case 0x5F -> FloatOps.unary(0xBB, a);
            case 0x67 -> FloatOps.rounding(0x8D, a);
            case 0x68 -> FloatOps.rounding(0x8E, a);
            case 0x69 -> FloatOps.rounding(0x8F, a);
            case 0x6A -> FloatOps.rounding(0x90, a);
            case 0xE0 -> FloatOps.rounding(0x8B, a);
            case 0xE1 -> FloatOps.rounding(0x8C, a);
            case 0xE3 -> FloatOps.rounding(0x91, a);
            case 0xE4 -> bits(f(a) + f(b));
            case 0xE5 -> bits(f(a) - f(b));
            case 0xE6 -> bits(f(a) * f(b));
            case 0xE7 -> bits(f(a) / f(b));
            case 0xE8, 0x10D -> FloatOps.binary(0x96, a, b);
            case 0xE9, 0x10E -> FloatOps.binary(0x97, a, b);
            case 0xEA -> f(b) < f(a) ? b : a;
            case 0xEB -> f(a) < f(b) ? b : a;
            case 0xF8, 0x101 -> FloatOps.unary(Op.TRUNC_SAT, a);
            case 0xF9, 0x102 -> FloatOps.unary(Op.TRUNC_SAT + 1, a);
            case 0xFA -> FloatOps.unary(0xB2, a);
            case 0xFB -> FloatOps.unary(0xB3, a);
            case 0xFE -> FloatOps.unary(0xB7, a);
            case 0xFF -> FloatOps.unary(0xB8, a);
            case 0x105 -> bits(Math.fma(f(a), f(b), f(c)));
            case 0x106 -> bits(Math.fma(-f(a), f(b), f(c)));
            default -> throw new IllegalStateException("f32x4 sub-opcode 0x" + Integer.toHexString(sub));
        };
    }

    private static long lane64(int sub, long a, long b, long c) {
        return switch (sub) {
            case 0x47 -> d(a) == d(b) ? -1 : 0;
            case 0x48 -> d(a) != d(b) ? -1 : 0;
            case 0x49 -> d(a) < d(b) ? -1 : 0;
            case 0x4A -> d(a) > d(b) ? -1 : 0;
            case 0x4B -> d(a) <= d(b) ? -1 : 0;
            case 0x4C -> d(a) >= d(b) ? -1 : 0;
            case 0x5E -> FloatOps.unary(0xB6, a);
            case 0x74 -> FloatOps.rounding(0x9B, a);
            case 0x75 -> FloatOps.rounding(0x9C, a);
            case 0x7A -> FloatOps.rounding(0x9D, a);
            case 0x94 -> FloatOps.rounding(0x9E, a);
            case 0xEC -> FloatOps.rounding(0x99, a);
            case 0xED -> FloatOps.rounding(0x9A, a);
            case 0xEF -> FloatOps.rounding(0x9F, a);
            case 0xF0 -> bits(d(a) + d(b));
            case 0xF1 -> bits(d(a) - d(b));
            case 0xF2 -> bits(d(a) * d(b));
            case 0xF3 -> bits(d(a) / d(b));
            case 0xF4, 0x10F -> FloatOps.binary(0xA4, a, b);
            case 0xF5, 0x110 -> FloatOps.binary(0xA5, a, b);
            case 0xF6 -> d(b) < d(a) ? b : a;
            case 0xF7 -> d(a) < d(b) ? b : a;
            case 0xFC, 0x103 -> FloatOps.unary(Op.TRUNC_SAT + 2, a);
            case 0xFD, 0x104 -> FloatOps.unary(Op.TRUNC_SAT + 3, a);
            case 0x107 -> bits(Math.fma(d(a), d(b), d(c)));
            case 0x108 -> bits(Math.fma(-d(a), d(b), d(c)));
            default -> throw new IllegalStateException("f64x2 sub-opcode 0x" + Integer.toHexString(sub));
        };
    }
}
