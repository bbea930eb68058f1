package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A store's caught exceptions, as Wasm refers to them.
 *
 * <p>An {@code exnref} is a slot value like any reference, so it is an id here: ids only grow (one per exception,
 * however often it is caught), and an id whose exception was dropped is never given to another. When the table has
 * grown to twice what the last sweep kept, a sweep keeps the exceptions some value may still name and drops the
 * rest: it scans the interpreter's value stack up to its live top, the globals and tables of the instances that can
 * hold an {@code exnref}, and the ids that went out to the host (invoke results and host arguments, which the host may
 * hand back at any time). The scan is conservative (any slot equal to an id keeps it), so a live exception is never
 * dropped; compiled frames, whose slots are JVM locals the scan cannot see, may hold one, so no sweep runs while
 * one is running (a catch by reference moves the frames of its invocation into the interpreter, so the sweeps still
 * come: {@code JitExceptions}). A loop catching a million exceptions by reference thus keeps a bounded table.
 *
 * <p>A legacy {@code catch} keeps its exception here too, by frame pointer and try nesting level, for its
 * {@code rethrow}: not in a frame slot, which a call from the catch body (its frame starts at the caller's arguments)
 * or the frame's move to exact code (whose layout may differ above the operands) would lose.
 */
final class ExnRefs {
    private static final int FIRST_SWEEP = 1024;

    private final Map<Long, WasmThrow> byId = new HashMap<>();
    private final Set<Long> escaped = new HashSet<>();
    private final List<Instance> holders = new ArrayList<>();
    private final Map<Long, WasmThrow> legacyCaught = new HashMap<>();
    private long nextId;
    private int sweepAt = FIRST_SWEEP;

    /** The {@code exnref} of {@code ex}, for a handler in the frame it left or one of the saved frames below. */
    synchronized long reference(WasmThrow ex, Interpreter in) {
        if (ex.ref >= 0 && byId.get(ex.ref) == ex) {
            return ex.ref;
        }
        // Compiled frames keep slots in JVM locals, which the scan cannot see: sweep only when none is running.
        if (byId.size() >= sweepAt && in.jitDepth == 0) {
            sweep(in, ex.siteFn, ex.siteFp);
            sweepAt = Math.max(FIRST_SWEEP, 2 * byId.size());
        }
        ex.ref = nextId++;
        byId.put(ex.ref, ex);
        return ex.ref;
    }

    /** The exception {@code ref} names; null when no live value can name it (a sweep dropped it). */
    synchronized WasmThrow get(long ref) {
        return byId.get(ref);
    }

    /** Each exception the table or a legacy catch holds: their payloads are roots of a GC collection. */
    synchronized void forEachHeld(java.util.function.Consumer<WasmThrow> action) {
        byId.values().forEach(action);
        legacyCaught.values().forEach(action);
    }

    /** How many exceptions the table holds now (for tests). */
    synchronized int size() {
        return byId.size();
    }

    /** {@code ref} went out to the host: it stays valid for the store's life. */
    synchronized void escaped(long ref) {
        if (ref != Values.NULL_REF) {
            escaped.add(ref);
        }
    }

    /** Marks each {@code exnref} among a call's arguments or results, in the API's flat form, as gone to the host. */
    void escaped(FuncType type, boolean results, long[] values) {
        if (values == null) {
            return;
        }
        int n = results ? type.resultCount() : type.paramCount();
        for (int i = 0, v = 0; i < n && v < values.length; i++, v++) {
            ValType t = results ? type.result(i) : type.param(i);
            if (t == ValType.EXNREF) {
                escaped(values[v]);
            } else if (t == ValType.V128) {
                v++;
            }
        }
    }

    /** An instance whose globals or tables can hold an {@code exnref}: the sweep scans them. */
    synchronized void watch(Instance inst) {
        for (GlobalInstance g : inst.globals) {
            if (g.type().type() == ValType.EXNREF) {
                holders.add(inst);
                return;
            }
        }
        for (TableInstance t : inst.tables) {
            if (t.elemType() == ValType.EXNREF) {
                holders.add(inst);
                return;
            }
        }
    }

    /** A legacy {@code catch} at try level {@code level} of the frame at {@code fp} caught {@code ex}. */
    synchronized void caught(int fp, int level, WasmThrow ex) {
        legacyCaught.put(legacyKey(fp, level), ex);
    }

    /** What the legacy {@code catch} at try level {@code level} of the frame at {@code fp} caught last. */
    synchronized WasmThrow caught(int fp, int level) {
        return legacyCaught.get(legacyKey(fp, level));
    }

    private static long legacyKey(int fp, int level) {
        return ((long) fp << 24) | level;
    }

    private void sweep(Interpreter in, FunctionInstance fn, int fp) {
        Set<Long> live = new HashSet<>(escaped);
        long[] s = in.stack;
        int top = Math.min(s.length, liveTop(in, fn, fp));
        for (int i = 0; i < top; i++) {
            live.add(s[i]);
        }
        for (Instance inst : holders) {
            for (GlobalInstance g : inst.globals) {
                if (g.type().type() == ValType.EXNREF) {
                    live.add(g.value);
                }
            }
            for (TableInstance t : inst.tables) {
                if (t.elemType() == ValType.EXNREF) {
                    for (long e : t.elements) {
                        live.add(e);
                    }
                }
            }
        }
        for (WasmThrow held : legacyCaught.values()) {
            live.add(held.ref);
        }
        for (Iterator<Map.Entry<Long, WasmThrow>> it = byId.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, WasmThrow> e = it.next();
            if (!live.contains(e.getKey())) {
                it.remove();
            }
        }
    }

    /** Above this slot no frame of the interpreter holds a value: every frame's end, the handler's included. */
    private static int liveTop(Interpreter in, FunctionInstance fn, int fp) {
        long top = fn == null || fn.code == null ? 0 : fp + (long) fn.code.frameSize;
        for (int d = 0; d < in.depth && d < in.frameFn.length; d++) {
            FunctionInstance f = in.frameFn[d];
            if (f != null && f.code != null) {
                top = Math.max(top, (long) in.frameFp[d] + f.code.frameSize);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, top);
    }
}
