package dev.trapdoor.engine.exec;

/**
 * The translator's part for {@code local.get}, {@code local.set} and {@code local.tee} at the optimized level: a read
 * leaves an alias (or a forwarded local's value) instead of a copy, and a write retargets the instruction that
 * produced the value, is forwarded to the local's one read, or is dropped when it stores the 0 the local still holds.
 */
final class LocalTranslation {
    private LocalTranslation() {
    }

    /** {@code local.get x} pushed at stack position h. */
    static void get(Translator t, int x, int h) {
        int forwarded = t.forwards.take(x);
        if (h >= OperandAliases.MAX_ALIASED_HEIGHT) {
            if (forwarded == OperandAliases.CONST) {
                t.pushDeep(h, t.forwards.constant(x));
            } else {
                t.aliases.materializeAll(h);
                t.emit(t.aliases.copyOp, t.slot(h), forwarded >= 0 ? forwarded : x);
                t.produced(h, t.code.size() - 2);
            }
            return;
        }
        if (forwarded == OperandAliases.CONST) {
            t.aliases.setConst(h, t.forwards.constant(x));
        } else {
            t.aliases.setLocal(h, forwarded >= 0 ? forwarded : x);
        }
    }

    /** {@code local.set x} / {@code local.tee x} of the value at stack position h-1. */
    static void set(Translator t, boolean tee, int x, int h) {
        OperandAliases aliases = t.aliases;
        int i = h - 1;
        int from = aliases.get(i);
        if (!tee && (from == OperandAliases.CONST || from >= 0)
                && t.forwards.offer(x, from, from == OperandAliases.CONST ? aliases.constant(i) : 0)) {
            t.zeroLocals.clear(x);
            aliases.clear(i);
            return;
        }
        t.forwards.beforeWrite(x);
        boolean stillZero = t.zeroLocals.get(x);
        boolean storesZero = from == OperandAliases.CONST && aliases.constant(i) == 0;
        t.zeroLocals.set(x, storesZero);
        if (storesZero && stillZero) {
            // Entry (or an earlier store) zeroed x and nothing else has written it on the only path here: clang's
            // `x = 0` costs nothing. (A debugger that sets x before this point sees the program keep its value.)
            if (!tee) {
                aliases.clear(i);
            }
            return;
        }
        if (from == OperandAliases.CONST) {
            aliases.materializeLocal(x, h);
            aliases.emitConst(x, aliases.constant(i));
            if (!tee) {
                aliases.clear(i);
            }
            return;
        }
        if (from >= 0) {
            if (from != x) {
                aliases.materializeLocal(x, h);
                t.emit(t.wide ? Op.COPY_V : Op.COPY, x, from);
            }
            if (!tee) {
                aliases.clear(i);
            }
            return;
        }
        if (t.canRetarget(i, x)) {
            t.code.set(t.retargetPos, x);
            t.retargetPos = -1;
            if (tee) {
                aliases.setLocal(i, x);
            }
            return;
        }
        aliases.materializeLocal(x, h);
        t.emit(t.wide ? Op.COPY_V : Op.COPY, x, t.slot(i));
    }
}
