package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;

/**
 * Finds where an expression ends: the {@code end} that closes it, skipping over nested blocks and every other
 * instruction's immediates. Whether the instructions belong there (a constant expression holding {@code i32.add})
 * is the validator's question, so any well-encoded instruction is accepted.
 */
public final class ExpressionScanner {
    private ExpressionScanner() {
    }

    /** Reads from {@code r.pos()} through the closing {@code end}; returns the module offset just after it. */
    public static int skipToEnd(ByteReader r) {
        int depth = 0;
        while (true) {
            Opcode op = InstructionReader.read(r).opcode();
            if (op.opensBlock()) {
                depth++;
            } else if (op == Opcode.END || op == Opcode.DELEGATE) {
                if (depth == 0) {
                    return r.pos();
                }
                depth--;
            }
        }
    }
}
