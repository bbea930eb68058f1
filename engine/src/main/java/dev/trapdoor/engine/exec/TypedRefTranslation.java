package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * Translation of typed function references' instructions, from existing operations where they fit:
 * {@code call_ref} is a {@link Op#CALL_INDIRECT} whose table index is {@link #REF_TABLE} (the operand that would be
 * the element index is the function reference itself); {@code br_on_null} and {@code br_on_non_null} test the
 * reference with {@link Op#REF_IS_NULL} into the free slot above the stack and branch like {@code br_if}; only
 * {@code ref.as_non_null} has an operation of its own ({@link Op#REF_AS_NON_NULL}).
 */
final class TypedRefTranslation {
    /** The table index of a {@code CALL_INDIRECT} that is a {@code call_ref}. */
    static final int REF_TABLE = -1;

    private TypedRefTranslation() {
    }

    /** Emits {@code op}; every operand is in its slot (the translator materialized them). */
    static void emit(Translator t, int op, FunctionValidator v, int h) {
        switch (op) {
            case 0x14 -> {
                FuncType ft = t.module.types().get(v.immA);
                t.maxHeight = Math.max(t.maxHeight, h - 1 - ft.paramCount() + ft.resultCount());
                t.emit(Op.CALL_INDIRECT, v.immA, REF_TABLE, t.slot(h - 1 - ft.paramCount()), t.slot(h - 1));
            }
            case 0xD4 -> t.emit(Op.REF_AS_NON_NULL, t.slot(h - 1));
            case 0xD5 -> {
                // Null: drop the reference and branch with the values below it; else go on with it.
                t.emit(Op.REF_IS_NULL, t.slot(h), t.slot(h - 1));
                t.emit(Op.BR_UNLESS, t.slot(h), 0);
                int skip = t.code.size() - 1;
                t.jump(v, v.immA, h - 1);
                t.code.set(skip, t.code.size());
                t.label();
            }
            case 0xD6 -> {
                // Not null: branch with the reference on top of the values; else drop it.
                t.emit(Op.REF_IS_NULL, t.slot(h), t.slot(h - 1));
                t.emit(Op.BR_IF, t.slot(h), 0);
                int skip = t.code.size() - 1;
                t.jump(v, v.immA, h);
                t.code.set(skip, t.code.size());
                t.label();
            }
            default -> throw new IllegalStateException("no translation for opcode 0x" + Integer.toHexString(op));
        }
    }
}
