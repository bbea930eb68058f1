package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.text.Numbers;

/**
 * v128 values of the spec scripts: the text {@code i32x4 1 2 3 4} (any shape, lanes in order) to the engine's two
 * halves, and results matched lane by lane, with {@code nan:canonical} / {@code nan:arithmetic} lanes in float shapes
 * and {@code either} alternatives (relaxed SIMD).
 */
final class SpecV128 {
    private static final int F32_CANONICAL_NAN = 0x7FC0_0000;
    private static final long F64_CANONICAL_NAN = 0x7FF8_0000_0000_0000L;

    private SpecV128() {
    }

    /** {low, high} of a v128 literal. */
    static long[] parse(String text) {
        String[] t = text.trim().split("\\s+");
        int width = width(t[0]);
        int n = 128 / width;
        if (t.length != n + 1) {
            throw new IllegalArgumentException("a " + t[0] + " needs " + n + " lanes: " + text);
        }
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < n; i++) {
            long bits = lane(t[0], t[i + 1]);
            long mask = width == 64 ? -1L : (1L << width) - 1;
            int per = 64 / width;
            if (i < per) {
                lo |= (bits & mask) << (i * width);
            } else {
                hi |= (bits & mask) << ((i - per) * width);
            }
        }
        return new long[] {lo, hi};
    }

    private static int width(String shape) {
        return switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new IllegalArgumentException("unknown v128 shape " + shape);
        };
    }

    private static long lane(String shape, String text) {
        Long bits = switch (shape) {
            case "f32x4" -> Numbers.f32(text) == null ? null : (long) Numbers.f32(text);
            case "f64x2" -> Numbers.f64(text);
            default -> Numbers.bits(text, width(shape));
        };
        if (bits == null) {
            throw new IllegalArgumentException("not a " + shape + " lane: " + text);
        }
        return bits;
    }

    /** {@code null} when (lo, hi) matches the expected v128 (or one of an either's alternatives), else why not. */
    static String mismatch(WastValue expected, long lo, long hi) {
        if (expected.type().equals("either")) {
            StringBuilder why = new StringBuilder();
            for (WastValue alt : expected.alternatives()) {
                String m = mismatch(alt, lo, hi);
                if (m == null) {
                    return null;
                }
                why.append(why.length() == 0 ? "" : " / ").append(m);
            }
            return "no alternative matches: " + why;
        }
        String[] t = expected.value().trim().split("\\s+");
        int width = width(t[0]);
        int n = 128 / width;
        for (int i = 0; i < n; i++) {
            long actual = lane(lo, hi, width, i);
            String want = t[i + 1];
            boolean ok;
            if (want.equals("nan:canonical") || want.equals("nan:arithmetic")) {
                boolean canonical = want.equals("nan:canonical");
                if (width == 32) {
                    int mask = canonical ? 0x7FFF_FFFF : F32_CANONICAL_NAN;
                    ok = ((int) actual & mask) == F32_CANONICAL_NAN;
                } else {
                    long mask = canonical ? 0x7FFF_FFFF_FFFF_FFFFL : F64_CANONICAL_NAN;
                    ok = (actual & mask) == F64_CANONICAL_NAN;
                }
            } else {
                long mask = width == 64 ? -1L : (1L << width) - 1;
                ok = (lane(t[0], want) & mask) == actual;
            }
            if (!ok) {
                return String.format("expected v128 %s but got i32x4 0x%08x 0x%08x 0x%08x 0x%08x (lane %d)",
                        expected.value(), (int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32), i);
            }
        }
        return null;
    }

    private static long lane(long lo, long hi, int width, int i) {
        int per = 64 / width;
        long v = i < per ? lo : hi;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return v >>> ((i % per) * width) & mask;
    }
}
