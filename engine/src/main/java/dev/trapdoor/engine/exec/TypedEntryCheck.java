package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * The frame check at every typed entry ({@link JitRt#enterTyped}): the callee's frame must fit the value stack and its
 * depth slack must not be negative. Kept apart from {@code JitRt} because it has two forms, chosen once per process.
 */
final class TypedEntryCheck {
    private TypedEntryCheck() {
    }

    /**
     * Whether {@link JitRt#enterTyped} tests its two bounds as two compares with branches ({@link #split}), not as
     * one sign test of both ({@link #joined}). On x86 each compare fuses with its branch, so the split form
     * is two operations where the joined one takes five instructions (a constant, a subtraction, an or, a test, a
     * branch) in front of every typed call; fib-O2 ran 3-7% faster (benchmarks/RESULTS.md, session 22).
     * {@code -Dtrapdoor.jit.splitEntryCheck=false}: the joined form.
     */
    static final boolean SPLIT = !"false".equals(System.getProperty("trapdoor.jit.splitEntryCheck"));

    /** {@link JitRt#enterTyped}'s check as two compares against constants: the frame's end, then the slack. */
    static void split(Interpreter in, int fp, int frameSize, int slack) {
        if (fp > Interpreter.INITIAL_SLOTS - frameSize || slack < 0) {
            beyond(in, fp, frameSize, slack);
        }
    }

    /** {@link JitRt#enterTyped}'s check as one sign test of both bounds (fp and frameSize never overflow). */
    static void joined(Interpreter in, int fp, int frameSize, int slack) {
        if ((Interpreter.INITIAL_SLOTS - frameSize - fp | slack) < 0) {
            beyond(in, fp, frameSize, slack);
        }
    }

    private static void beyond(Interpreter in, int fp, int frameSize, int slack) {
        if (slack < 0 || fp + frameSize > in.stack.length) {
            slow(in, fp, frameSize, slack);
        }
    }

    private static void slow(Interpreter in, int fp, int frameSize, int slack) {
        long slots = (long) fp + frameSize;
        if (slack < 0 || slots > in.maxSlots) {
            // The detail enterFrame gives: the frames below the caller.
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, new TrapDetail.StackExhausted(in.maxDepth - 1 - slack,
                    in.maxDepth, slots, in.maxSlots));
        }
        in.ensureStack((int) slots);
    }
}
