package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

/**
 * {@code i8x16.shuffle} and the wide lane reads as plain bytecode, so that no helper call is left in a SIMD loop for
 * C2 to inline or not: its inlining of {@code SimdEval.eval} into a chunk depends on the profile it sees when it
 * compiles the chunk, and the shape without it ran the SIMD kernel up to 40% slower (benchmarks/RESULTS.md, session
 * 12). A shuffle's mask is a constant, so each result byte is a known byte of one of the four source halves: the
 * bytes are taken in runs (consecutive source bytes, or one source byte repeated) of one shift, mask and shift each.
 */
final class SimdShuffles implements Opcodes {
    private final Emit e;
    private final HighHalves hi;

    SimdShuffles(Emit e) {
        this.e = e;
        this.hi = e.high;
    }

    /** The shuffle of the v128s in slots {@code a} and {@code a + 1} by mask {@code maskLo, maskHi}, into {@code a}. */
    void shuffle(int a, long maskLo, long maskHi) {
        for (int half = 0; half < 2; half++) {
            long mask = half == 0 ? maskLo : maskHi;
            boolean first = true;
            int i = 0;
            while (i < 8) {
                int s = source(mask, i);
                int len = 1;
                boolean repeated = i + 1 < 8 && source(mask, i + 1) == s;
                while (i + len < 8 && (repeated ? source(mask, i + len) == s
                        : source(mask, i + len) == s + len && ((s + len) & 7) != 0)) {
                    len++;
                }
                run(a, s, i, repeated ? 1 : len, repeated ? len : 1);
                if (!first) {
                    e.mv.visitInsn(LOR);
                }
                first = false;
                i += len;
            }
        }
        // Both halves are on the stack (low below high): the destination is an input, written only now.
        hi.st(a);
        e.st(a);
    }

    private static int source(long mask, int i) {
        return (int) (mask >>> 8 * i) & 31;
    }

    /**
     * Result bytes {@code at ..} of the current half: {@code len} source bytes from byte {@code s} (0-31 over
     * {@code a, a + 1}), each repeated {@code times} times (one of the two is 1).
     */
    private void run(int a, int s, int at, int len, int times) {
        int slot = s < 16 ? a : a + 1;
        int k = s & 7;
        if ((s & 8) == 0) {
            e.ld(slot);
        } else {
            hi.ld(slot);
        }
        int bytes = len * times;
        if (k > 0) {
            e.iconst(8 * k);
            e.mv.visitInsn(LUSHR);
        }
        // Bits above the run are shifted out at the top, or already zero after the right shift, or masked off here.
        if (k + len < 8 && (times > 1 || at + bytes < 8)) {
            e.lconst((1L << 8 * len) - 1);
            e.mv.visitInsn(LAND);
        }
        if (times > 1) {
            long repeat = 0;
            for (int j = 0; j < times; j++) {
                repeat |= 1L << 8 * j;
            }
            e.lconst(repeat);
            e.mv.visitInsn(LMUL);
        }
        if (at > 0) {
            e.iconst(8 * at);
            e.mv.visitInsn(LSHL);
        }
    }

    /**
     * {@code i32x4}, {@code i64x2}, {@code f32x4} and {@code f64x2.extract_lane} of slot {@code x} into {@code x} as
     * {@code SimdLanes.extract} computes them; false for the narrower lanes, left to it.
     */
    boolean extract(int sub, int x, int lane) {
        boolean wide = sub == 0x1D || sub == 0x21;
        if (sub != 0x1B && sub != 0x1F && !wide) {
            return false;
        }
        int half = wide ? lane : lane >> 1;
        if (half == 0) {
            e.ld(x);
        } else {
            hi.ld(x);
        }
        if (!wide) {
            if ((lane & 1) == 1) {
                e.iconst(32);
                e.mv.visitInsn(LUSHR);
            }
            if (sub == 0x1B) {
                e.mv.visitInsn(L2I);
                e.mv.visitInsn(I2L);
            } else {
                e.lconst(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
            }
        }
        e.st(x);
        return true;
    }
}
