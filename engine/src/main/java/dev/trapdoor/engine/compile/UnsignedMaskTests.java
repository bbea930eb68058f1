package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

import java.util.List;

/**
 * An i32 unsigned comparison against a constant power of two (or one less, for {@code gt_u} and {@code le_u}) as a
 * mask test: {@code x <u 2^n} holds exactly when {@code (x & -2^n) == 0}. The general form flips both sign bits
 * ({@code x + MIN_VALUE < c + MIN_VALUE}), which C2 on JDK 17 keeps as a copy, an add and a compare, since it has no
 * unsigned compare for them; the mask test is one {@code test} fused with its branch. fib-O2's {@code k < 2} at every
 * call is of this kind: 3-5% (benchmarks/RESULTS.md, session 26). A comparison that a
 * {@code br_if} back to a loop takes keeps the general form: C2 may make a counted loop of that one (memset's
 * {@code n -= 32; while n > 31} in vec-O3 ran 4-5% slower as a mask test), and of a mask test it cannot.
 * {@code -Dtrapdoor.jit.unsignedMaskTests=false} gives the general form everywhere.
 */
final class UnsignedMaskTests implements Opcodes {
    static final boolean ON = !"false".equals(System.getProperty("trapdoor.jit.unsignedMaskTests"));

    private UnsignedMaskTests() {
    }

    /**
     * Emits {@code i32.lt_u}, {@code gt_u}, {@code le_u} or {@code ge_u} ({@code op}) of slots {@code a} and
     * {@code b} as a mask test if {@code b} is a pending constant of the right kind and the next instruction is not a
     * {@code br_if} back to a loop ({@code loopTest}); answers whether it did.
     */
    static boolean emit(Emit e, int op, int a, int b, boolean loopTest) {
        if (!ON || loopTest || (op != 0x49 && op != 0x4B && op != 0x4D && op != 0x4F) || e.pending.isEmpty()
                || !e.pending.holdsConstant(b)) {
            return false;
        }
        int c = (int) e.pending.constantAt(b);
        // lt_u and ge_u split at c itself; gt_u and le_u at c + 1 (c = -1 wraps to 0, which is no power of two).
        int bound = op == 0x49 || op == 0x4F ? c : c + 1;
        if (bound == 0 || Integer.bitCount(bound) != 1) {
            return false;
        }
        e.ldI(a);
        e.iconst(-bound);
        e.mv.visitInsn(IAND);
        // Below the bound (lt_u, le_u): no bit at or above it is set.
        if (op == 0x49 || op == 0x4D) {
            e.bool(IFEQ, a);
        } else {
            // Against an explicit 0: should a copied instruction's guess miss a back-edge, a plain ifne there would
            // get BackEdgeTests' unsigned test, which is for a counter itself.
            e.mv.visitInsn(ICONST_0);
            e.bool(IF_ICMPNE, a);
        }
        return true;
    }

    /**
     * Whether the instruction at {@code offset} of {@code code} is a {@code br_if} to a loop of {@code controls}
     * (innermost last); a guess for the code's shape only, so a copied instruction's other context does no harm.
     */
    static boolean loopTest(byte[] code, int offset, List<Control> controls) {
        if (offset >= code.length || (code[offset] & 0xFF) != 0x0D) {
            return false;
        }
        int depth = 0;
        int shift = 0;
        int i = offset + 1;
        while (i < code.length && shift < 35) {
            int b = code[i++] & 0xFF;
            depth |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return depth >= 0 && depth < controls.size()
                        && controls.get(controls.size() - 1 - depth).kind == Control.LOOP;
            }
            shift += 7;
        }
        return false;
    }
}
