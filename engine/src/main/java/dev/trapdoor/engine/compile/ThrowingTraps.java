package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * Trap handlers that throw at once, for sites that can only trap in code compiled with no debugger. A plain or bare
 * handler runs the chunk's trap copy, the spill block's stores of every slot the chunk wrote, which runs only when a
 * debugger waits for the trap: for the JVM's compilers, though, every such slot is live at every load, store and
 * division of the chunk. C1 builds an exception handler's state from every local live at it and merges those states
 * where the handlers meet, and in clang -O0's chunks (80-200 locals, a trap site every few instructions) that passed
 * the 10,000 virtual registers its linear scan allows ("out of virtual registers in linear scan"): the chunk then
 * never gets C1's profiled code, and sometimes never C2's (sort-O0's slow state, benchmarks/RESULTS.md session 32).
 *
 * <p>Here such a site's handler pushes its operand and number and jumps to one tail that throws what the runtime makes
 * of the trap ({@code exec.ThrowingTrapsRt}); no slot but the operand is read. Like a bare handler that left out
 * pending values, the code counts as {@code CompiledClass.bareOmits}: a debugger that attaches later drops it and the
 * function compiles again with full handlers. {@code -Dtrapdoor.jit.throwingTraps=false} keeps bare handlers.
 */
final class ThrowingTraps implements Opcodes {
    static final String SWITCH = "trapdoor.jit.throwingTraps";
    static final String RUNTIME = RuntimeNames.PACKAGE + "ThrowingTrapsRt";

    private ThrowingTraps() {
    }

    /** Read per function at translation time, so tests compare both shapes in one JVM. */
    static boolean on() {
        return !"false".equals(System.getProperty(SWITCH));
    }

    /**
     * Whether a function of {@code bodyBytes} of Wasm code, translated at {@code chunkBudget}, gets throwing handlers:
     * only one that may need several chunks (as {@code Liveness} runs for). A smaller one has too few locals for C1 to
     * run out of registers, and fib-O0's, whose one chunk also holds calls (and so the trap copy), ran 2% slower with
     * the throwing tail beside it in 9 of 10 pairs (benchmarks/RESULTS.md, session 32).
     */
    static boolean applies(int bodyBytes, int chunkBudget) {
        return on() && (long) bodyBytes * 16 > chunkBudget;
    }

    /** The chunk's throwing handlers and their common tail, if it has any. */
    static void emit(Emit e, Sites sites) {
        if (!sites.anyThrowing()) {
            return;
        }
        Label tail = new Label();
        sites.emitThrowing(e, tail);
        e.mv.visitLabel(tail);
        e.context();
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "thrown",
                "(Ljava/lang/Throwable;JI" + RuntimeNames.CONTEXT_DESC + "I)Ljava/lang/Throwable;", false);
        e.mv.visitInsn(ATHROW);
    }
}
