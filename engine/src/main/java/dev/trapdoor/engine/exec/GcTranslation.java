package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * Translation of GC's instructions (reported as {@code 0xFB00 | sub}) and {@code ref.eq} into one fixed-length
 * {@link Op#GC} form run by {@link GcOps}: the operands are materialized, so they lie in consecutive slots from the
 * first one, and the result replaces them. {@code br_on_cast} and {@code br_on_cast_fail} test into the free slot
 * above the stack (the {@code ref.test} operation) and branch like {@code br_if}.
 */
final class GcTranslation {
    static final int BASE = 0xFB00;

    private GcTranslation() {
    }

    static void emit(Translator t, int op, FunctionValidator v, int h) {
        int sub = op == 0xD3 ? GcOps.REF_EQ : op - BASE;
        if (sub == 24 || sub == 25) {
            t.emit(Op.GC + 20, t.slot(h), t.slot(h - 1), v.immB, 0);
            t.emit(sub == 24 ? Op.BR_UNLESS : Op.BR_IF, t.slot(h), 0);
            int skip = t.code.size() - 1;
            t.jump(v, v.immA, h);
            t.code.set(skip, t.code.size());
            t.label();
            return;
        }
        int n = operands(t, sub, v);
        int first = t.slot(h - n);
        t.emit(Op.GC + sub, first, first, v.immA, v.immB);
    }

    private static int operands(Translator t, int sub, FunctionValidator v) {
        return switch (sub) {
            case 0 -> {
                FuncType type = t.module.types().get(v.immA);
                yield type.fieldCount();
            }
            case 1 -> 0;
            case 8 -> v.immB;
            case 2, 3, 4, 7, 15, 20, 21, 22, 23, 26, 27, 28, 29, 30 -> 1;
            case 5, 6, 9, 10, 11, 12, 13, GcOps.REF_EQ -> 2;
            case 14 -> 3;
            case 16, 18, 19 -> 4;
            case 17 -> 5;
            default -> throw new IllegalStateException("no translation for GC sub-opcode " + sub);
        };
    }
}
