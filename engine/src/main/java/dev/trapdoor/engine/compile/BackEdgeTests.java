package dev.trapdoor.engine.compile;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A {@code br_if} back to a loop on a plain i32 value (not a comparison): clang's count-down loops,
 * {@code local.tee $n; br_if}. Tested as {@code ifne} on the int, C2 makes the loop a counted one, which for a
 * {@code !=} test needs a loop-limit-check predicate; the first call that runs such a loop once fails the predicate,
 * deoptimizes, and the loop is compiled uncounted from then on. So the counted shape lasts only until a program
 * happens to run the loop once, and while it lasts C2 rewrites every other int local stepped by a constant as a
 * multiple of the counter (a multiply per local per iteration) and strip-mines the loop: hash-O2 ran 0.133-0.137 ms
 * counted against 0.111-0.116 uncounted (benchmarks/RESULTS.md, session 24). The value is tested unsigned
 * ({@code x + MIN_VALUE > MIN_VALUE}, which holds exactly when {@code x != 0}): the same branch and one more add, in a
 * shape C2 does not take for a counted loop's exit. {@code -Dtrapdoor.jit.backEdgeUnsignedTest=false} gives the plain
 * {@code ifne}.
 */
final class BackEdgeTests implements Opcodes {
    static final boolean ON = !"false".equals(System.getProperty("trapdoor.jit.backEdgeUnsignedTest"));

    private BackEdgeTests() {
    }

    /** With the i32 condition on the JVM stack: pushes the comparison and answers the jump taken when it is not 0. */
    static int valueTest(MethodVisitor mv) {
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IADD);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        return IF_ICMPGT;
    }
}
