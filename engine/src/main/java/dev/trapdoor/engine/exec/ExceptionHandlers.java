package dev.trapdoor.engine.exec;

/**
 * A function's exception handlers, as its translation left them: one entry per {@code try_table} or legacy
 * {@code try}, with the pc range its handlers cover (the try body: never its own landing pads or catch bodies), the
 * enclosing try whose handlers apply next, and its clauses in order. {@link #landing} finds where an exception thrown
 * at a pc lands in this frame, if anywhere.
 */
final class ExceptionHandlers {
    static final int CATCH = 0;
    static final int CATCH_REF = 1;
    static final int CATCH_ALL = 2;
    static final int CATCH_ALL_REF = 3;
    /** Legacy {@code catch x}: the payload at the value slot, the exception kept for the try's level in ExnRefs. */
    static final int LEGACY_CATCH = 4;
    static final int LEGACY_CATCH_ALL = 5;
    /** Legacy {@code delegate}: the search goes on at the try in {@code target} (-1: in the caller). */
    static final int DELEGATE = 6;

    final int[] start;
    final int[] end;
    final int[] parent;
    final int[] firstClause;
    final int[] clauseCount;
    final int[] kind;
    final int[] tag;
    final int[] handlerPc;
    /** Slot of the first payload value (catch forms), and of the exnref (ref forms; a legacy catch's try level). */
    final int[] valueSlot;
    final int[] exnSlot;
    final int[] target;

    ExceptionHandlers(int[] start, int[] end, int[] parent, int[] firstClause, int[] clauseCount, int[] kind,
                      int[] tag, int[] handlerPc, int[] valueSlot, int[] exnSlot, int[] target) {
        this.start = start;
        this.end = end;
        this.parent = parent;
        this.firstClause = firstClause;
        this.clauseCount = clauseCount;
        this.kind = kind;
        this.tag = tag;
        this.handlerPc = handlerPc;
        this.valueSlot = valueSlot;
        this.exnSlot = exnSlot;
        this.target = target;
    }

    /** The innermost try whose range holds {@code pc}, or -1. Tries opened later at the same start are inner. */
    private int innermost(int pc) {
        int best = -1;
        for (int t = 0; t < start.length; t++) {
            if (pc >= start[t] && pc < end[t] && (best < 0 || start[t] >= start[best])) {
                best = t;
            }
        }
        return best;
    }

    /**
     * Where exception {@code ex}, thrown at {@code pc} of a frame of {@code inst} at {@code fp}, lands: writes the
     * values the handler receives into the frame and returns the handler's pc, or returns -1 when no handler here
     * catches it.
     */
    int landing(int pc, WasmThrow ex, Instance inst, Interpreter in, int fp) {
        return search(pc, ex, inst, in, fp);
    }

    /** Whether a handler here would catch {@code ex} thrown at {@code pc}; writes nothing. */
    boolean catches(int pc, WasmThrow ex, Instance inst) {
        return search(pc, ex, inst, null, 0) >= 0;
    }

    /**
     * Whether a handler here catches {@code ex} thrown at {@code pc} without an {@code exnref} (a {@code catch_ref}
     * or {@code catch_all_ref} makes one, which the sweep of caught exceptions must see in the interpreter).
     */
    boolean catchesByValue(int pc, WasmThrow ex, Instance inst) {
        int c = clause(pc, ex, inst);
        return c >= 0 && kind[c] != CATCH_REF && kind[c] != CATCH_ALL_REF;
    }

    /** The clause that catches {@code ex} thrown at {@code pc}, or -1. */
    private int clause(int pc, WasmThrow ex, Instance inst) {
        int t = innermost(pc);
        while (t >= 0) {
            int next = parent[t];
            for (int c = firstClause[t]; c < firstClause[t] + clauseCount[t]; c++) {
                int k = kind[c];
                if (k == DELEGATE) {
                    next = target[c];
                    break;
                }
                boolean all = k == CATCH_ALL || k == CATCH_ALL_REF || k == LEGACY_CATCH_ALL;
                if (all || inst.tags[tag[c]] == ex.tag()) {
                    return c;
                }
            }
            t = next;
        }
        return -1;
    }

    private int search(int pc, WasmThrow ex, Instance inst, Interpreter in, int fp) {
        int c = clause(pc, ex, inst);
        if (c < 0 || in == null) {
            return c < 0 ? -1 : handlerPc[c];
        }
        int k = kind[c];
        boolean all = k == CATCH_ALL || k == CATCH_ALL_REF || k == LEGACY_CATCH_ALL;
        if (!all) {
            long[] values = ex.values();
            long[] highs = ex.highs();
            in.ensureStack(fp + valueSlot[c] + values.length + 1);
            System.arraycopy(values, 0, in.stack, fp + valueSlot[c], values.length);
            System.arraycopy(highs, 0, in.hi, fp + valueSlot[c], highs.length);
        }
        if (k == CATCH_REF || k == CATCH_ALL_REF) {
            in.stack[fp + exnSlot[c]] = inst.store.exnRefs.reference(ex, in);
        } else if (k == LEGACY_CATCH || k == LEGACY_CATCH_ALL) {
            inst.store.exnRefs.caught(fp, exnSlot[c], ex);
        }
        return handlerPc[c];
    }
}
