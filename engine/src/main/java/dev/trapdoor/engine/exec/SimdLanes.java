package dev.trapdoor.engine.exec;

/**
 * The integer and bitwise SIMD instructions, lane by lane on unpacked lanes, plus the lane moves (splat, extract,
 * replace, shuffle, swizzle) and the tests. The integer families of i8x16, i16x8, i32x4 and i64x2 share one layout
 * of sub-opcodes 0x60-0xDF (32 per shape), decoded here as {@code width} and {@code o}.
 */
final class SimdLanes {
    private SimdLanes() {
    }

    static void compute(int sub, long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, SimdScratch x) {
        switch (sub) {
            case 0x0E, 0x100 -> swizzle(aLo, aHi, bLo, bHi, x);
            case 0x4D -> x.set(~aLo, ~aHi);
            case 0x4E -> x.set(aLo & bLo, aHi & bHi);
            case 0x4F -> x.set(aLo & ~bLo, aHi & ~bHi);
            case 0x50 -> x.set(aLo | bLo, aHi | bHi);
            case 0x51 -> x.set(aLo ^ bLo, aHi ^ bHi);
            // Relaxed laneselect is bitselect on every mask, the choice that needs no lane-width-specific rule.
            case 0x52, 0x109, 0x10A, 0x10B, 0x10C -> x.set(aLo & cLo | bLo & ~cLo, aHi & cHi | bHi & ~cHi);
            case 0x111 -> family(0x82, aLo, aHi, bLo, bHi, x);
            case 0x112 -> relaxedDot(aLo, aHi, bLo, bHi, 0, 0, 2, 16, x);
            case 0x113 -> relaxedDot(aLo, aHi, bLo, bHi, cLo, cHi, 4, 32, x);
            default -> {
                if (sub >= 0x23 && sub <= 0x40) {
                    int k = (sub - 0x23) % 10;
                    compare(k, 8 << ((sub - 0x23) / 10), aLo, aHi, bLo, bHi, x);
                } else if (sub >= 0xD6 && sub <= 0xDB) {
                    compare(new int[] {0, 1, 2, 4, 6, 8}[sub - 0xD6], 64, aLo, aHi, bLo, bHi, x);
                } else {
                    family(sub, aLo, aHi, bLo, bHi, x);
                }
            }
        }
    }

    /** Comparison k (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u): all-ones lanes where it holds. */
    private static void compare(int k, int width, long aLo, long aHi, long bLo, long bHi, SimdScratch x) {
        boolean signed = k < 2 || (k & 1) == 0;
        V128.unpack(aLo, aHi, width, signed, x.a);
        V128.unpack(bLo, bHi, width, signed, x.b);
        int n = 128 / width;
        for (int i = 0; i < n; i++) {
            int c = signed ? Long.compare(x.a[i], x.b[i]) : Long.compareUnsigned(x.a[i], x.b[i]);
            boolean holds = switch (k) {
                case 0 -> c == 0;
                case 1 -> c != 0;
                case 2, 3 -> c < 0;
                case 4, 5 -> c > 0;
                case 6, 7 -> c <= 0;
                default -> c >= 0;
            };
            x.r[i] = holds ? -1 : 0;
        }
        x.pack(width);
    }

    /** Sub-opcodes 0x60-0xDF: offset {@code o} within the 32 of lane width {@code width}. */
    private static void family(int sub, long aLo, long aHi, long bLo, long bHi, SimdScratch x) {
        int width = 8 << ((sub - 0x60) >> 5);
        int o = (sub - 0x60) & 0x1F;
        int n = 128 / width;
        long[] a = x.a;
        long[] b = x.b;
        long[] r = x.r;
        long min = -(1L << (width - 1));
        long max = width == 64 ? Long.MAX_VALUE : (1L << (width - 1)) - 1;
        long umax = width == 64 ? -1L : (1L << width) - 1;
        if (o >= 5 && o <= 10 || o >= 28) {
            widening(width, o, aLo, aHi, bLo, bHi, x);
            return;
        }
        boolean unsigned = o == 16 || o == 19 || o == 23 || o == 25 || o == 27;
        V128.unpack(aLo, aHi, width, !unsigned, a);
        V128.unpack(bLo, bHi, width, !unsigned, b);
        for (int i = 0; i < n; i++) {
            long p = a[i];
            long q = b[i];
            r[i] = switch (o) {
                case 0 -> Math.abs(p);
                case 1 -> -p;
                case 2 -> width == 8 ? Long.bitCount(p & 0xFF) : q15(p, q);
                case 14 -> p + q;
                case 15, 16 -> clamp(p + q, unsigned ? 0 : min, unsigned ? umax : max);
                case 17 -> p - q;
                case 18, 19 -> clamp(p - q, unsigned ? 0 : min, unsigned ? umax : max);
                case 21 -> p * q;
                case 22, 23 -> Math.min(p, q);
                case 24, 25 -> Math.max(p, q);
                case 26 -> 0; // i32x4.dot_i16x8_s, done below
                case 27 -> (p + q + 1) >>> 1;
                default -> throw new IllegalStateException("SIMD sub-opcode 0x" + Integer.toHexString(sub));
            };
        }
        if (o == 26) {
            V128.unpack(aLo, aHi, 16, true, a);
            V128.unpack(bLo, bHi, 16, true, b);
            for (int i = 0; i < 4; i++) {
                r[i] = a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1];
            }
        }
        x.pack(width);
    }

    /** i16x8.q15mulr_sat_s: the rounded Q15 product, saturated. */
    private static long q15(long p, long q) {
        return clamp((p * q + 0x4000) >> 15, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    private static long clamp(long v, long lo, long hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** Narrowing (o 5, 6), extension (o 7-10), extadd_pairwise (i8's o 28-31) and extmul (o 28-31). */
    private static void widening(int width, int o, long aLo, long aHi, long bLo, long bHi, SimdScratch x) {
        long[] a = x.a;
        long[] b = x.b;
        long[] r = x.r;
        int n = 128 / width;
        if (o == 5 || o == 6) {
            // narrow: the inputs have lanes twice as wide, the result this shape's width
            V128.unpack(aLo, aHi, width * 2, true, a);
            V128.unpack(bLo, bHi, width * 2, true, b);
            long lo = o == 5 ? -(1L << (width - 1)) : 0;
            long hi = o == 5 ? (1L << (width - 1)) - 1 : (1L << width) - 1;
            for (int i = 0; i < n / 2; i++) {
                r[i] = clamp(a[i], lo, hi);
                r[n / 2 + i] = clamp(b[i], lo, hi);
            }
            x.pack(width);
            return;
        }
        if (width == 8) {
            // i16x8.extadd_pairwise_i8x16 (0x7C s, 0x7D u) and i32x4.extadd_pairwise_i16x8 (0x7E s, 0x7F u)
            int from = o < 30 ? 8 : 16;
            V128.unpack(aLo, aHi, from, (o & 1) == 0, a);
            for (int i = 0; i < 64 / from; i++) {
                r[i] = a[2 * i] + a[2 * i + 1];
            }
            x.pack(from * 2);
            return;
        }
        int from = width / 2;
        boolean high;
        boolean signed;
        if (o <= 10) {
            high = o == 8 || o == 10;
            signed = o <= 8;
        } else {
            high = o == 29 || o == 31;
            signed = o <= 29;
        }
        V128.unpack(aLo, aHi, from, signed, a);
        V128.unpack(bLo, bHi, from, signed, b);
        int base = high ? n : 0;
        for (int i = 0; i < n; i++) {
            r[i] = o <= 10 ? a[base + i] : a[base + i] * b[base + i];
        }
        x.pack(width);
    }

    /** Relaxed dot products: lanes of i8 (both signed) summed in groups, wrapping; plus c's lanes for the add form. */
    private static void relaxedDot(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, int group, int width,
                                   SimdScratch x) {
        V128.unpack(aLo, aHi, 8, true, x.a);
        V128.unpack(bLo, bHi, 8, true, x.b);
        int n = 16 / group;
        if (group == 4) {
            V128.unpack(cLo, cHi, 32, true, x.c);
        }
        for (int i = 0; i < n; i++) {
            long sum = group == 4 ? x.c[i] : 0;
            for (int j = 0; j < group; j++) {
                sum += x.a[group * i + j] * x.b[group * i + j];
            }
            x.r[i] = sum;
        }
        x.pack(width);
    }

    private static void swizzle(long aLo, long aHi, long bLo, long bHi, SimdScratch x) {
        V128.unpack(aLo, aHi, 8, false, x.a);
        V128.unpack(bLo, bHi, 8, false, x.b);
        for (int i = 0; i < 16; i++) {
            long k = x.b[i];
            x.r[i] = k < 16 ? x.a[(int) k] : 0;
        }
        x.pack(8);
    }

    /** {@code mask} is the 16 lane indices, byte {@code i} of the little-endian pair {@code (maskLo, maskHi)}. */
    static void shuffle(long aLo, long aHi, long bLo, long bHi, long maskLo, long maskHi, SimdScratch x) {
        V128.unpack(aLo, aHi, 8, false, x.a);
        V128.unpack(bLo, bHi, 8, false, x.b);
        for (int i = 0; i < 16; i++) {
            int k = (int) ((i < 8 ? maskLo : maskHi) >>> (8 * (i % 8))) & 0xFF;
            x.r[i] = k < 16 ? x.a[k] : x.b[k - 16];
        }
        x.pack(8);
    }

    static void splat(int sub, long v, SimdScratch x) {
        long half = splatHalf(sub, v);
        x.set(half, half);
    }

    /** One half of {@code splat}: both halves of a splat are equal, so the compiled tier computes it once. */
    static long splatHalf(int sub, long v) {
        return switch (sub) {
            case 0x0F -> (v & 0xFFL) * 0x0101_0101_0101_0101L;
            case 0x10 -> (v & 0xFFFFL) * 0x0001_0001_0001_0001L;
            case 0x11, 0x13 -> (v & 0xFFFF_FFFFL) * 0x1_0000_0001L;
            default -> v;
        };
    }

    /** The extracted lane as a slot (see {@link Values}): i32 sign-extended, f32 as its zero-extended bits. */
    static long extract(int sub, long lo, long hi, int lane) {
        return switch (sub) {
            case 0x15 -> (byte) V128.lane(lo, hi, 8, lane);
            case 0x16 -> V128.lane(lo, hi, 8, lane);
            case 0x18 -> (short) V128.lane(lo, hi, 16, lane);
            case 0x19 -> V128.lane(lo, hi, 16, lane);
            case 0x1B -> (int) V128.lane(lo, hi, 32, lane);
            case 0x1F -> V128.lane(lo, hi, 32, lane);
            default -> V128.lane(lo, hi, 64, lane);
        };
    }

    static void replace(int sub, long lo, long hi, long v, int lane, SimdScratch x) {
        int width = switch (sub) {
            case 0x17 -> 8;
            case 0x1A -> 16;
            case 0x1C, 0x20 -> 32;
            default -> 64;
        };
        int per = 64 / width;
        if (lane < per) {
            x.set(V128.withLane(lo, width, lane, v), hi);
        } else {
            x.set(lo, V128.withLane(hi, width, lane - per, v));
        }
    }

    /** any_true, all_true and bitmask. */
    static long test(int sub, long lo, long hi, SimdScratch x) {
        if (sub == 0x53) {
            return (lo | hi) != 0 ? 1 : 0;
        }
        int width = 8 << ((sub - 0x60) >> 5);
        int n = 128 / width;
        V128.unpack(lo, hi, width, true, x.a);
        long result = sub == 0x63 || sub == 0x83 || sub == 0xA3 || sub == 0xC3 ? 1 : 0;
        for (int i = 0; i < n; i++) {
            if (result == 1 && (sub & 0x1F) == 3) {
                if (x.a[i] == 0) {
                    result = 0;
                }
            } else if ((sub & 0x1F) == 4 && x.a[i] < 0) {
                result |= 1L << i;
            }
        }
        return result;
    }

    static void shift(int sub, long lo, long hi, int count, SimdScratch x) {
        int width = 8 << ((sub - 0x60) >> 5);
        int o = (sub - 0x60) & 0x1F;
        int k = count & (width - 1);
        V128.unpack(lo, hi, width, o == 12, x.a);
        for (int i = 0; i < 128 / width; i++) {
            long v = x.a[i];
            x.r[i] = o == 11 ? v << k : o == 12 ? v >> k : v >>> k;
        }
        x.pack(width);
    }
}
