package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.instr.ExpressionScanner;
import dev.trapdoor.engine.model.ConstExpr;

/**
 * Finds a constant expression's byte range. Only its encoding is checked here; that it is constant and well typed
 * is the validator's job, so {@code i32.add} or {@code nop} are skipped over like any other instruction.
 */
final class ConstExprReader {
    private ConstExprReader() {
    }

    static ConstExpr read(ByteReader r) {
        int moduleOffset = r.pos();
        int endOffset = ExpressionScanner.skipToEnd(r);
        return new ConstExpr(moduleOffset, endOffset);
    }
}
