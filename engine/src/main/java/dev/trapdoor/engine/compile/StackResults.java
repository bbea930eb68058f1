package dev.trapdoor.engine.compile;

/**
 * Which instructions read an i32 that the instruction before them left on the JVM stack ({@code PendingValues}'
 * stack result) straight from there, instead of having it widened into its operand slot's {@code long} local and
 * narrowed again ({@code i2l; lstore; lload; l2i}: 6 of the 8 bytes of {@code i32.add; local.set}).
 *
 * <p>Why only these: the value must be the first thing the instruction reads, before it pushes anything else (or
 * under exactly one word it read first, which a {@code swap} puts back in order), and the instruction must not trap,
 * call, branch away with the value unread or be polled while the value is on the stack, since nothing but the slot
 * shows it to an exit, a poll or a trap handler (the JVM empties its stack when it throws). Every other instruction,
 * a chunk cut and the chunk's end find it stored into its slot first, as it was stored before, so frame states are
 * unchanged. {@code -Dtrapdoor.jit.intOperands=false} keeps every result in its slot and moves i32 locals through
 * {@code long}, the older shape.
 */
final class StackResults {
    static final boolean ENABLED = !"false".equals(System.getProperty("trapdoor.jit.intOperands"));

    private StackResults() {
    }

    /**
     * Whether a translation leaves results on the JVM stack: not with {@code -Dtrapdoor.jit.stackResults=false} (the
     * i32 moves as {@code int}s stay). Header copies replay their steps through the same pending values as the
     * instruction stream ({@code HeaderCopies.replay}), so they keep them too; without them every function of a
     * module translated with header copies took the older, longer shape ({@code bigvm} with the tail shape: 15 chunks
     * of 91 KB instead of 11 of 68 KB; benchmarks/RESULTS.md, session 29). {@code
     * -Dtrapdoor.jit.copyStackResults=false} turns them off with header copies, as before.
     */
    static boolean on() {
        return ENABLED && !(HeaderCopy.enabled() && "false".equals(System.getProperty("trapdoor.jit.copyStackResults")))
                && !"false".equals(System.getProperty("trapdoor.jit.stackResults"));
    }

    /**
     * Whether {@code op}, run with the operand stack's top slot at {@code top - 1} ({@code top} is the first free
     * slot, or for {@code if} the slot of its popped condition plus one), reads slot {@code s} first, or leaves the
     * JVM stack alone so that the instruction after it may.
     */
    static boolean consumes(int op, int s, int top) {
        if (op == 0x20 || (op >= 0x41 && op <= 0x44)) {
            // local.get and constants emit nothing (PendingValues): the value waits under them for the reader after.
            return true;
        }
        if (op == 0x04) {
            return s == top;
        }
        if (s == top - 1) {
            return op == 0x21 || op == 0x0D || unary(op) || (op >= 0xBC && op <= 0xBF) || binary(op);
        }
        return s == top - 2 && binary(op);
    }

    /** Unary operations whose first bytecode reads their operand. */
    private static boolean unary(int op) {
        return op == 0x45 || op == 0x50 || (op >= 0x67 && op <= 0x69) || (op >= 0x79 && op <= 0x7B) || op == 0xA7
                || op == 0xAC || op == 0xAD || op == 0xB2 || op == 0xB4 || op == 0xB7 || op == 0xB9 || op == 0xBB
                || (op >= 0xC0 && op <= 0xC4);
    }

    /**
     * Binary operations (no trap, no helper taking the opcode first) whose first bytecode reads the first operand,
     * and which push nothing that stays between that read and the second operand's: a second operand on the stack
     * is then under exactly the first one's value ({@code PendingValues.takeStack} moves it up).
     */
    private static boolean binary(int op) {
        return (op >= 0x46 && op <= 0x66) && op != 0x50 || (op >= 0x6A && op <= 0x6C) || (op >= 0x71 && op <= 0x78)
                || (op >= 0x7C && op <= 0x7E) || (op >= 0x83 && op <= 0x8A) || (op >= 0x92 && op <= 0x95)
                || (op >= 0xA0 && op <= 0xA3);
    }
}
