package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.FunctionValidator.Frame;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The translator's part for exception handling: records each {@code try_table} and legacy {@code try} as a range of
 * translated code with its clauses, which become the function's {@link ExceptionHandlers}; and emits the throws.
 *
 * <ul>
 *   <li>{@code try_table}: a landing pad per catch clause, jumped over on entry. The unwinder writes the clause's
 *       values at the try's operand height and jumps to the pad, which branches to the clause's label like a
 *       {@code br} from that height (moves, a loop's back-edge, or a return).</li>
 *   <li>Legacy {@code try}: its body is the range; each {@code catch}/{@code catch_all} starts a handler, entered
 *       with the payload at the try's height and the exception kept in {@link ExnRefs} by frame and nesting level
 *       of legacy trys, where {@code rethrow} finds it. {@code delegate} names the try
 *       whose handlers come next.</li>
 * </ul>
 */
final class ExceptionTranslation {
    /** One try, while it is translated. */
    private static final class Rec {
        Translator.Label label;
        boolean dead;
        boolean legacy;
        boolean inCatch;
        int ehIndex;
        int start = -1;
        int end = -1;
        Rec parent;
        final List<int[]> clauses = new ArrayList<>();
        /** Per clause, the try a delegate goes on at (null: the caller). */
        final List<Rec> targets = new ArrayList<>();
    }

    private final List<Rec> all = new ArrayList<>();
    private final List<Rec> open = new ArrayList<>();
    private final Map<Translator.Label, Rec> byLabel = new IdentityHashMap<>();
    private int legacyDepth;
    private ExceptionHandlers handlers;

    /** {@code try_table}, {@code try}, {@code catch}, {@code catch_all} or {@code delegate}. */
    void control(Translator t, int op, int moduleOffset, FunctionValidator v) {
        switch (op) {
            case 0x1F -> tryTable(t, moduleOffset, v);
            case 0x06 -> {
                Rec r = open(t, moduleOffset, v, true);
                r.start = t.code.size();
            }
            case 0x07, 0x19 -> handler(t, op, moduleOffset, v);
            case 0x18 -> {
                Rec r = top(t);
                if (!r.dead) {
                    r.end = t.code.size();
                    r.clauses.add(new int[]{ExceptionHandlers.DELEGATE, -1, -1, -1, -1});
                    r.targets.add(delegateTarget(t, v.immA + 1));
                }
                close(r);
                BlockTranslation.close(t, moduleOffset, v);
            }
            default -> throw new IllegalStateException("not a try instruction: 0x" + Integer.toHexString(op));
        }
    }

    /** Before {@code end}: a try's range ends here unless a handler already ended it. */
    void beforeEnd(Translator t) {
        if (open.isEmpty()) {
            return;
        }
        Rec r = open.get(open.size() - 1);
        if (r.label != t.labels.get(t.labels.size() - 1)) {
            return;
        }
        if (r.end < 0) {
            r.end = t.code.size();
        }
        close(r);
    }

    /** {@code throw}, {@code rethrow} or {@code throw_ref} at operand height h (operands already in their slots). */
    void throwOp(Translator t, FunctionValidator v, int h, int op) {
        switch (op) {
            case 0x08 -> {
                int n = t.module.types().get(t.module.tagTypeIndex(v.immA)).paramCount();
                t.emit(ExceptionOps.THROW, v.immA, t.slot(h - n));
            }
            case 0x0A -> t.emit(ExceptionOps.THROW_REF, t.slot(h - 1));
            default -> {
                Rec r = byLabel.get(t.labels.get(t.labels.size() - 1 - v.immA));
                t.emit(ExceptionOps.RETHROW, r.ehIndex);
            }
        }
    }

    private void tryTable(Translator t, int moduleOffset, FunctionValidator v) {
        Rec r = open(t, moduleOffset, v, false);
        if (r.dead) {
            return;
        }
        int height = v.frame(0).height;
        if (v.catchCount > 0) {
            t.emit(Op.BR, 0);
            int skip = t.code.size() - 1;
            for (int i = 0; i < v.catchCount; i++) {
                int kind = v.catches[3 * i];
                int tag = v.catches[3 * i + 1];
                int label = v.catches[3 * i + 2];
                int count = kind < 2 ? t.module.types().get(t.module.tagTypeIndex(tag)).paramCount() : 0;
                int arity = count + (kind == ExceptionHandlers.CATCH_REF || kind == ExceptionHandlers.CATCH_ALL_REF
                        ? 1 : 0);
                int pad = t.code.size();
                t.clearAliases();
                t.maxHeight = Math.max(t.maxHeight, height + arity + 1);
                t.jump(v, label + 1, height + arity);
                r.clauses.add(new int[]{kind, tag, pad, t.slot(height), t.slot(height + count)});
                r.targets.add(null);
            }
            t.code.set(skip, t.code.size());
            t.label();
        }
        r.start = t.code.size();
    }

    private void handler(Translator t, int op, int moduleOffset, FunctionValidator v) {
        Rec r = top(t);
        Translator.Label l = r.label;
        if (!r.dead) {
            int h = v.height();
            if (v.live()) {
                t.mark(moduleOffset, h);
                t.materializeAll(h);
                t.emit(Op.BR, 0);
                l.patches.add(t.code.size() - 1);
            }
            if (r.end < 0) {
                r.end = t.code.size();
            }
            int pc = t.code.size();
            t.label();
            Frame f = v.frame(0);
            int count = op == 0x07 ? t.module.types().get(t.module.tagTypeIndex(v.immA)).paramCount() : 0;
            t.maxHeight = Math.max(t.maxHeight, f.height + count + 1);
            r.clauses.add(new int[]{op == 0x07 ? ExceptionHandlers.LEGACY_CATCH : ExceptionHandlers.LEGACY_CATCH_ALL,
                    op == 0x07 ? v.immA : -1, pc, t.slot(f.height), -1 - r.ehIndex});
            r.targets.add(null);
            if (t.exact) {
                // The handler's entry is where catch stops.
                t.mark(moduleOffset, f.height);
                t.nop();
            }
        }
        r.inCatch = true;
        t.clearAliases();
    }

    private Rec open(Translator t, int moduleOffset, FunctionValidator v, boolean legacy) {
        BlockTranslation.open(t, 0x02, moduleOffset, v);
        Rec r = new Rec();
        r.label = t.labels.get(t.labels.size() - 1);
        r.dead = r.label.dead;
        r.legacy = legacy;
        for (int i = open.size() - 1; i >= 0 && r.parent == null; i--) {
            Rec o = open.get(i);
            if (!o.dead && !o.inCatch) {
                r.parent = o;
            }
        }
        if (legacy) {
            r.ehIndex = legacyDepth++;
        }
        open.add(r);
        all.add(r);
        byLabel.put(r.label, r);
        return r;
    }

    private Rec top(Translator t) {
        return open.get(open.size() - 1);
    }

    private void close(Rec r) {
        open.remove(open.size() - 1);
        if (r.legacy) {
            legacyDepth--;
        }
    }

    /** The try whose handlers a {@code delegate} to the label {@code depth} levels out (from the try) reaches. */
    private Rec delegateTarget(Translator t, int depth) {
        for (int d = depth; d < t.labels.size() - 1; d++) {
            Rec r = byLabel.get(t.labels.get(t.labels.size() - 1 - d));
            if (r != null && open.contains(r) && !r.dead && !r.inCatch) {
                return r;
            }
        }
        return null;
    }

    /** Builds the handler table. */
    void finish(Translator t) {
        if (all.isEmpty()) {
            return;
        }
        List<Rec> live = new ArrayList<>();
        for (Rec r : all) {
            if (!r.dead) {
                live.add(r);
            }
        }
        int n = live.size();
        int[] start = new int[n];
        int[] end = new int[n];
        int[] parent = new int[n];
        int[] first = new int[n];
        int[] count = new int[n];
        int clauses = 0;
        for (Rec r : live) {
            clauses += r.clauses.size();
        }
        int[] kind = new int[clauses];
        int[] tag = new int[clauses];
        int[] pc = new int[clauses];
        int[] valueSlot = new int[clauses];
        int[] exnSlot = new int[clauses];
        int[] target = new int[clauses];
        int c = 0;
        for (int i = 0; i < n; i++) {
            Rec r = live.get(i);
            start[i] = r.start;
            end[i] = r.end;
            parent[i] = live.indexOf(r.parent);
            first[i] = c;
            count[i] = r.clauses.size();
            for (int k = 0; k < r.clauses.size(); k++, c++) {
                int[] cl = r.clauses.get(k);
                kind[c] = cl[0];
                tag[c] = cl[1];
                pc[c] = cl[2];
                valueSlot[c] = cl[3];
                exnSlot[c] = cl[4] < 0 ? -1 - cl[4] : cl[4];
                target[c] = live.indexOf(r.targets.get(k));
            }
        }
        handlers = new ExceptionHandlers(start, end, parent, first, count, kind, tag, pc, valueSlot, exnSlot, target);
    }

    ExceptionHandlers handlers() {
        return handlers;
    }
}
