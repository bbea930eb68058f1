package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

/**
 * The length an inline memory access passes to {@code Objects.checkIndex}: the memory's size less the access's
 * width less one, as {@code Math.max(size - k, 0)}. C2's {@code checkIndex} tests a length it cannot prove
 * non-negative on every call (a compare and a branch to a deoptimization), and in a loop it does not make a counted
 * one (every back-edge {@code br_if}, see {@code BackEdgeTests}) that test stays inside the loop, once per access:
 * bytes-O2's CRC loop ran two of them per iteration besides its four index checks (benchmarks/RESULTS.md, session 30).
 * The maximum is loop-invariant, so C2 computes it once before the loop, and its type ({@code [0, 2^31 - 1 - k]})
 * lets the intrinsic drop the test. The same accesses trap: a negative {@code size - k} became 0, against which
 * every index fails as it failed before, and the trap's detail comes from the site, not from the exception.
 * Opt-in ({@code -Dtrapdoor.jit.nonNegativeLimits=true}): the tests leave the loops, but bytes-O2's CRC loop is bound
 * by its load-to-load chain, which they were not on, and no kernel was measured faster (session 30).
 */
final class AccessLimits implements Opcodes {
    static final boolean ON = "true".equals(System.getProperty("trapdoor.jit.nonNegativeLimits"));

    private AccessLimits() {
    }

    /**
     * Pushes the length for the index of a byte {@code less} before the access's last ({@code width - 1}); -1 for the
     * size itself, which the plain shape pushes with no subtraction (the two-check shape's).
     */
    static void push(Emit e, int less) {
        e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
        if (!ON) {
            if (less >= 0) {
                e.iconst(less);
                e.mv.visitInsn(ISUB);
            }
            return;
        }
        if (less > 0) {
            e.iconst(less);
            e.mv.visitInsn(ISUB);
        }
        e.mv.visitInsn(ICONST_0);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false);
    }
}
