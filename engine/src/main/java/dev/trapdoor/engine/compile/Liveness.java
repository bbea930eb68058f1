package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which locals are live (may be read before they are written) at each place a chunk can be entered, found by a
 * validation pass before translation. A chunk crossing then moves only live locals: in a function of several chunks
 * whose hot loop crosses them, most locals are temporaries that are dead at the crossing.
 *
 * <p>Backward dataflow over the structured code: a branch to a block's end takes what is live after that end, a
 * branch to a loop what is live at its header, which a further pass supplies until no header changes.
 */
final class Liveness implements CodeSink {
    private int n;
    private int[] ops = new int[256];
    private int[] offsets = new int[256];
    private int[] imms = new int[256];
    /** br_table depths (default last), by instruction index. */
    private final Map<Integer, int[]> tables = new HashMap<>();
    /** Live locals by entry id (see {@link EntryIds}). */
    private final Map<Integer, BitSet> live = new HashMap<>();

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        if (n == ops.length) {
            ops = Arrays.copyOf(ops, n * 2);
            offsets = Arrays.copyOf(offsets, n * 2);
            imms = Arrays.copyOf(imms, n * 2);
        }
        ops[n] = op;
        offsets[n] = moduleOffset;
        imms[n] = v.immA;
        if (op >= 0x20 && op <= 0x22) {
            locals = Math.max(locals, v.immA + 1);
        }
        if (op == 0x0E) {
            tables.put(n, Arrays.copyOf(v.brTargets, v.brCount + 1));
        }
        n++;
    }

    /** Locals live at entry {@code id}; {@code null} if the id was never analysed (then treat all as live). */
    BitSet at(int id) {
        return live.get(id);
    }

    /**
     * Locals live at some loop header, block end or else arm: the places that may become entries in the middle of a
     * chunk ({@link LiveFills}). Null if the analysis did not run.
     */
    BitSet atStructuredEntries() {
        if (live.isEmpty()) {
            return null;
        }
        if (structured == null) {
            structured = new BitSet();
            for (Map.Entry<Integer, BitSet> entry : live.entrySet()) {
                int kind = entry.getKey() & 7;
                if (kind == EntryIds.LOOP || kind == EntryIds.END || kind == EntryIds.ELSE) {
                    structured.or(entry.getValue());
                }
            }
        }
        return structured;
    }

    private BitSet structured;

    /** Instructions times locals past which the sets would take too much memory: then every local counts as live. */
    private static final long MAX_BITS = 1L << 26;
    private int locals;

    /** Runs the analysis over the instructions received. */
    void analyze() {
        if ((long) n * locals > MAX_BITS) {
            return;
        }
        Map<Integer, BitSet> loopHeaders = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = pass(loopHeaders);
        }
    }

    private static final class Frame {
        final int kind;
        /** What a branch to this label needs live: after the end (block, if), at the header (loop). */
        BitSet labelLive;
        /** For an if: what is live at the start of its else arm (or after its end when it has none). */
        BitSet elseStart;

        Frame(int kind, BitSet labelLive) {
            this.kind = kind;
            this.labelLive = labelLive;
        }
    }

    /** One backward pass; returns whether a loop header's live set grew. */
    private boolean pass(Map<Integer, BitSet> loopHeaders) {
        boolean changed = false;
        List<Frame> frames = new ArrayList<>();
        // The function body's own end: nothing is read after it.
        BitSet cur = new BitSet();
        frames.add(new Frame(0, new BitSet()));
        // Loop openings pair with their ends: find each end's opener by a forward scan first.
        int[] opener = openers();
        for (int i = n - 1; i >= 0; i--) {
            int op = ops[i];
            if (op == 0x10 || op == 0x11 || op == 0x14) {
                // What the frame holds once the call returns: a poll there may move it to the interpreter.
                live.put(EntryIds.afterCall(offsets[i]), (BitSet) cur.clone());
            }
            switch (op) {
                case 0x0B -> {
                    int o = opener[i];
                    if (o < 0) {
                        // The function's final end.
                        cur = new BitSet();
                    } else if (ops[o] == 0x03) {
                        BitSet header = loopHeaders.getOrDefault(offsets[o], new BitSet());
                        frames.add(new Frame(0x03, header));
                    } else {
                        live.put(EntryIds.of(offsets[o], EntryIds.END), (BitSet) cur.clone());
                        Frame f = new Frame(ops[o], (BitSet) cur.clone());
                        // An if without else falls to its end when false.
                        f.elseStart = (BitSet) cur.clone();
                        frames.add(f);
                    }
                }
                case 0x05 -> {
                    Frame f = frames.get(frames.size() - 1);
                    f.elseStart = (BitSet) cur.clone();
                    live.put(EntryIds.of(offsets[opener[i]], EntryIds.ELSE), (BitSet) cur.clone());
                    // The then arm ends by falling to the if's end.
                    cur = (BitSet) f.labelLive.clone();
                }
                case 0x02 -> frames.remove(frames.size() - 1);
                case 0x03 -> {
                    frames.remove(frames.size() - 1);
                    BitSet old = loopHeaders.getOrDefault(offsets[i], new BitSet());
                    BitSet merged = (BitSet) cur.clone();
                    merged.or(old);
                    changed |= !merged.equals(old);
                    loopHeaders.put(offsets[i], merged);
                    live.put(EntryIds.of(offsets[i], EntryIds.LOOP), (BitSet) merged.clone());
                }
                case 0x04 -> {
                    Frame f = frames.remove(frames.size() - 1);
                    cur.or(f.elseStart);
                }
                case 0x0C -> cur = (BitSet) target(frames, imms[i]).clone();
                // br_if, br_on_null, br_on_non_null, br_on_cast, br_on_cast_fail: the branch or the fall-through.
                case 0x0D, 0xD5, 0xD6, 0xFB18, 0xFB19 -> cur.or(target(frames, imms[i]));
                case 0x0E -> {
                    cur = new BitSet();
                    for (int depth : tables.get(i)) {
                        cur.or(target(frames, depth));
                    }
                }
                case 0x0F, 0x00 -> cur = new BitSet();
                case 0x20 -> cur.set(imms[i]);
                case 0x21, 0x22 -> cur.clear(imms[i]);
                default -> {
                }
            }
            live.put(EntryIds.of(offsets[i], EntryIds.AT), (BitSet) cur.clone());
        }
        return changed;
    }

    private static BitSet target(List<Frame> frames, int depth) {
        return frames.get(frames.size() - 1 - depth).labelLive;
    }

    /** For each {@code end} and {@code else}, the index of the block, loop or if it closes (-1: the function's). */
    private int[] openers() {
        int[] opener = new int[n];
        int[] stack = new int[n + 1];
        int sp = 0;
        for (int i = 0; i < n; i++) {
            switch (ops[i]) {
                case 0x02, 0x03, 0x04 -> stack[sp++] = i;
                case 0x05 -> opener[i] = stack[sp - 1];
                case 0x0B -> opener[i] = sp == 0 ? -1 : stack[--sp];
                default -> {
                }
            }
        }
        return opener;
    }

    /** Locals (of {@code nLocals}) dead at every one of {@code ids}, or null if there are none or one is unknown. */
    java.util.BitSet deadAtEvery(java.util.List<Integer> ids, int nLocals) {
        if (ids.isEmpty()) {
            return null;
        }
        java.util.BitSet live = new java.util.BitSet();
        for (int id : ids) {
            java.util.BitSet at = at(id);
            if (at == null) {
                return null;
            }
            live.or(at);
        }
        java.util.BitSet dead = new java.util.BitSet();
        dead.set(0, nLocals);
        dead.andNot(live);
        return dead;
    }
}
