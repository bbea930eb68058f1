package dev.trapdoor.engine.exec;

/**
 * Moves a frame from one translation of its function to another (optimized to exact) at a point where the frame is
 * between Wasm instructions: a pc is mapped to a pc through the module offset of the instruction both translations
 * start there, and what the optimized code keeps out of the frame's slots — operands that alias locals or constants,
 * stores of single-use locals it deferred — is written into them, since the exact code reads everything from slots.
 *
 * <p>Three kinds of pc can move: an instruction start (breakpoints, steps, branch targets), a call instruction
 * after the moves that put its arguments into slots (a poll before the call), and the pc right after a call (a
 * caller frame, or a poll after a return). Any other pc stays where it is until the frame reaches one of those.
 */
final class FrameMove {
    private FrameMove() {
    }

    /** The pc in {@code to} equivalent to {@code pc} in {@code from}, or -1 when the frame cannot move there. */
    static int map(CompiledFunction from, CompiledFunction to, int pc) {
        int m = from.markAt(pc);
        if (m >= 0) {
            int toPc = to.pcOf(from.markOffset(m));
            // Right after a call, the next instruction may have no start of its own in `to` (an operand it aliased
            // away): then the frame resumes right after the same call there.
            return toPc >= 0 ? toPc : afterCallIn(to, from, pc);
        }
        int[] code = from.pristineCode();
        if (pc < code.length && isCall(code[pc])) {
            int toPc = to.pcOf(from.markOffset(from.markCovering(pc)));
            return toPc >= 0 && to.pristineCode()[toPc] == code[pc] ? toPc : -1;
        }
        int callPc = callEndingAt(from, pc);
        if (callPc < 0) {
            return -1;
        }
        int toPc = to.pcOf(from.markOffset(from.markCovering(callPc)));
        if (toPc < 0 || to.pristineCode()[toPc] != code[callPc]) {
            return -1;
        }
        return toPc + Op.length(to.pristineCode(), toPc);
    }

    /**
     * For a caller frame waiting at {@code pc} right after a call: the pc right after the same call in {@code to}
     * (else as {@link #map}), even where an instruction starts at {@code pc} in {@code from}. That start may stand
     * for instructions the optimized code has no code for ({@code i32.const} merged into the load after it), which
     * {@code to} must still run: a recording counts them there.
     */
    static int mapResume(CompiledFunction from, CompiledFunction to, int pc) {
        return callEndingAt(from, pc) >= 0 ? afterCallIn(to, from, pc) : map(from, to, pc);
    }

    /**
     * {@link #materialize} for a caller frame that {@link #mapResume} moved: only the stores deferred at the call,
     * since the operands of the instruction after it are not on the stack yet (their slots are the callee's).
     */
    static void materializeResume(CompiledFunction from, int pc, long[] stack, int fp) {
        if (callEndingAt(from, pc) >= 0) {
            materialize(from, pc, stack, fp, true);
        } else {
            materialize(from, pc, stack, fp, false);
        }
    }

    /**
     * Writes what {@code from} keeps outside the slots at {@code pc} into the frame at {@code fp}; call only once
     * {@link #map} found a target.
     */
    static void materialize(CompiledFunction from, int pc, long[] stack, int fp) {
        materialize(from, pc, stack, fp, false);
    }

    private static void materialize(CompiledFunction from, int pc, long[] stack, int fp, boolean afterCall) {
        int m = afterCall ? -1 : from.markAt(pc);
        int[] aliases = null;
        if (m < 0) {
            // At or after a call: the arguments and everything below them are in their slots already.
            int[] code = from.pristineCode();
            m = from.markCovering(pc < code.length && isCall(code[pc]) ? pc : callEndingAt(from, pc));
        } else {
            aliases = from.markAliases(m);
        }
        int[] forwards = from.markForwards(m);
        int markPc = from.markPc(m);
        // Read everything first: an alias may read a slot that another one is about to fill.
        long[] operands = null;
        if (aliases != null) {
            operands = new long[aliases.length];
            for (int i = 0; i < aliases.length; i++) {
                operands[i] = from.operandValue(markPc, i, stack, fp);
            }
        }
        long[] stores = null;
        if (forwards != null) {
            stores = new long[forwards.length / 2];
            for (int k = 0; k < stores.length; k++) {
                stores[k] = from.sourceValue(forwards[2 * k + 1], stack, fp);
            }
        }
        if (operands != null) {
            for (int i = 0; i < operands.length; i++) {
                if (aliases[i] != OperandAliases.NONE) {
                    stack[fp + from.operandBase + i] = operands[i];
                }
            }
        }
        if (stores != null) {
            for (int k = 0; k < stores.length; k++) {
                stack[fp + forwards[2 * k]] = stores[k];
            }
        }
    }

    private static boolean isCall(int op) {
        return op == Op.CALL || op == Op.CALL_INDIRECT;
    }

    /** The pc after the call in {@code to} that ends at {@code pc} in {@code from}, after its argument moves; or -1. */
    private static int afterCallIn(CompiledFunction to, CompiledFunction from, int pc) {
        int callPc = callEndingAt(from, pc);
        if (callPc < 0) {
            return -1;
        }
        int op = from.pristineCode()[callPc];
        int at = to.pcOf(from.markOffset(from.markCovering(callPc)));
        int[] code = to.pristineCode();
        for (int start = at; at >= 0 && at < code.length && (at == start || to.markAt(at) < 0);
             at += Op.length(code, at)) {
            if (code[at] == op) {
                return at + Op.length(code, at);
            }
        }
        return -1;
    }

    /**
     * Whether a frame of {@code cf} polling at {@code pc} after a return is at a call's resume point: right after a
     * call and not at a loop header (a back-edge's poll is at one, and so is a return into a loop that starts right
     * after its call, where the two moves agree).
     */
    static boolean resumesCall(CompiledFunction cf, int pc) {
        return cf.loopAt(pc) < 0 && callEndingAt(cf, pc) >= 0;
    }

    /** The pc of the call instruction that ends exactly at {@code pc}, or -1. */
    private static int callEndingAt(CompiledFunction from, int pc) {
        int m = from.markCovering(pc - 1);
        if (m < 0) {
            return -1;
        }
        int[] code = from.pristineCode();
        int at = from.markPc(m);
        while (at < pc) {
            int next = at + Op.length(code, at);
            if (next == pc) {
                return isCall(code[at]) ? at : -1;
            }
            at = next;
        }
        return -1;
    }
}
