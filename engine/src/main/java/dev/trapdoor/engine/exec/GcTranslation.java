package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.instr.GcOpcodes;
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
        int n = GcOpcodes.operands(t.module, sub, v.immA, v.immB);
        int first = t.slot(h - n);
        t.emit(Op.GC + sub, first, first, v.immA, v.immB);
    }
}
