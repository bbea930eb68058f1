package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.ModuleContext;

/**
 * The operand stack's types before a given instruction, found by walking the body with the validator up to that
 * instruction. Keeping types per pc at run time would cost memory for a question asked only when stopped, so the
 * walk is made on demand, and its answer kept only for the instructions a debugger asked about ({@link
 * OperandTypeMemo}): a debug server's sessions of one program ask at the same few stops again and again.
 */
final class OperandTypes implements CodeSink {
    private static final ValType[] NONE = new ValType[0];
    private final int targetOffset;
    private ValType[] types;

    private OperandTypes(int targetOffset) {
        this.targetOffset = targetOffset;
    }

    /** Thrown to end the walk once the instruction is reached; no stack trace. */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }

    /** The types before the instruction at {@code moduleOffset}; the array is shared and must not be written. */
    static ValType[] at(ModuleContext ctx, int funcIndex, int moduleOffset) {
        OperandTypeMemo memo = OperandTypeMemo.of(ctx.module());
        ValType[] kept = memo.get(funcIndex, moduleOffset);
        if (kept == null) {
            kept = walk(ctx, funcIndex, moduleOffset);
            memo.put(funcIndex, moduleOffset, kept);
        }
        return kept;
    }

    /** The walk itself, every time (what {@link #at} keeps). */
    static ValType[] walk(ModuleContext ctx, int funcIndex, int moduleOffset) {
        OperandTypes sink = new OperandTypes(moduleOffset);
        try {
            new FunctionValidator(ctx, sink).validate(funcIndex, ctx.module().body(funcIndex));
        } catch (Found found) {
            return sink.types;
        }
        return NONE;
    }

    @Override
    public void instruction(int opcode, int moduleOffset, FunctionValidator v) {
        if (moduleOffset >= targetOffset) {
            int h = v.height();
            types = h == 0 ? NONE : new ValType[h];
            for (int i = 0; i < h; i++) {
                types[i] = v.operandType(i);
            }
            throw new Found();
        }
    }
}
