package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;

/**
 * A typed call's argument that is {@code local.get; i32.const; i32.add} (or {@code i32.sub}) stays a pending sum
 * ({@link PendingValues#sum}): the call computes it into the JVM argument, and the call's trap handler computes it
 * again from the local (which no call can change) to show the caller's operand at a trap.
 *
 * <p>Why: otherwise the argument is stored into its operand slot's local before the call, and the handler reads that
 * local after it, so the value lives across the call. C2 keeps such a value in the one register a Java call
 * preserves ({@code rbp}), and fib's loop accumulator, which would have had it, goes to memory: a load and a store
 * per call (benchmarks/RESULTS.md, session 22). With the sum only the local lives across the call, as it does anyway.
 *
 * <p>Only the call's last argument, right after the sum, and not in a function that may hold GC references (its
 * safepoint before a call stores slots). Any other instruction after a sum finds it as the add's result on the JVM
 * stack, the bytecode the add emitted before. {@code -Dtrapdoor.jit.pendingSums=false} turns it off.
 */
final class PendingSums {
    static final boolean ON = !"false".equals(System.getProperty("trapdoor.jit.pendingSums"));

    private PendingSums() {
    }

    /**
     * The operand slot of the argument a {@code call} of {@code funcIndex} at height {@code h} may take as a pending
     * sum, or -1.
     */
    static int typedArgument(FunctionTranslator t, int funcIndex, int h) {
        if (!ON || !t.stackResults || t.gcPoints.mayHold()) {
            return -1;
        }
        FuncType ft = t.module.functionType(funcIndex);
        return TypedCalls.eligible(ft) && ft.paramCount() > 0 ? t.opSlot(h) - 1 : -1;
    }
}
