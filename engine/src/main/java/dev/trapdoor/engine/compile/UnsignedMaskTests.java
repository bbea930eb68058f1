package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

/**
 * An i32 unsigned comparison against a constant power of two (or one less, for {@code gt_u} and {@code le_u}) as a
 * mask test: {@code x <u 2^n} holds exactly when {@code (x & -2^n) == 0}. The general form flips both sign bits
 * ({@code x + MIN_VALUE < c + MIN_VALUE}), which C2 on JDK 17 keeps as a copy, an add and a compare, since it has no
 * unsigned compare for them; the mask test is one {@code test} fused with its branch. fib-O2's {@code k < 2} and its
 * loop's {@code k - 2 > 1} are both of this kind (benchmarks/RESULTS.md, session 26).
 * {@code -Dtrapdoor.jit.unsignedMaskTests=false} gives the general form.
 */
final class UnsignedMaskTests implements Opcodes {
    static final boolean ON = !"false".equals(System.getProperty("trapdoor.jit.unsignedMaskTests"));

    private UnsignedMaskTests() {
    }

    /**
     * Emits {@code i32.lt_u}, {@code gt_u}, {@code le_u} or {@code ge_u} ({@code op}) of slots {@code a} and
     * {@code b} as a mask test if {@code b} is a pending constant of the right kind; answers whether it did.
     */
    static boolean emit(Emit e, int op, int a, int b) {
        if (!ON || e.pending.isEmpty() || !e.pending.holdsConstant(b)) {
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
            // Against an explicit 0: a plain ifne at a loop's back-edge would get BackEdgeTests' unsigned test, which
            // is for a counter itself; a masked value is no counter C2 could count a loop by.
            e.mv.visitInsn(ICONST_0);
            e.bool(IF_ICMPNE, a);
        }
        return true;
    }
}
