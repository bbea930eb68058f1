package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills per entry after the entry switch. A chunk's prologue loaded every used slot live at <em>some</em> of its
 * entries, whichever entry ran: a register VM's case chunk (ten-odd entries, each a case or the shared tail) loaded at
 * each crossing the slots every one of its entries reads. With {@link Liveness}, the prologue now loads only the slots
 * live at every entry, gives the others a constant for the verifier, and the switch jumps to a stub per entry that
 * loads what that entry's own code reads before writing it, then goes to the entry's label.
 *
 * <p>A slot left at its constant is dead at the entry: every path from there writes it before reading it, and an exit
 * reached first stores it only where it is dead at the exit's target too (the same reasoning as a slot dead at every
 * entry, which the older prologue already zeroed). A chunk whose entries all read the same slots keeps the older
 * prologue byte for byte, and so does one whose stubs would take it past C2's {@link ChunkBudget#C2_LIMIT}.
 *
 * <p>{@code -Dtrapdoor.jit.entryFills=false} fills every slot live at some entry before the switch, as before.
 */
final class EntryFills implements Opcodes {
    /** Read per translation, so that a test can compare both shapes in one JVM. */
    static boolean enabled() {
        return !"false".equals(System.getProperty("trapdoor.jit.entryFills"));
    }

    /** Slots filled before the switch (live at every entry); the chunk's other used slots get a constant there. */
    final BitSet common;
    /** By entry id: the slots its stub fills (used, live there, not in {@link #common}); absent when none. */
    private final Map<Integer, BitSet> extra;
    /** By entry id: the stub's label, given out when the switch is emitted. */
    private final Map<Integer, Label> stubs = new HashMap<>();

    private EntryFills(BitSet common, Map<Integer, BitSet> extra) {
        this.common = common;
        this.extra = extra;
    }

    /**
     * The plan for a chunk whose prologue fills {@code slots} (used and live at some entry) for {@code ids}, or null
     * for the older prologue: switched off, liveness off, no entry that spares a fill, or stubs too big.
     */
    static EntryFills plan(FunctionTranslator t, BitSet slots, List<Integer> ids) {
        if (!enabled() || t.liveness == null || ids.size() < 2) {
            return null;
        }
        BitSet common = (BitSet) slots.clone();
        Map<Integer, BitSet> needs = new HashMap<>();
        for (int id : ids) {
            BitSet need = (BitSet) slots.clone();
            BitSet dead = t.deadLocals(List.of(id));
            if (dead != null) {
                need.andNot(dead);
            }
            needs.put(id, need);
            common.and(need);
        }
        if (common.equals(slots)) {
            return null;
        }
        Emit e = t.e;
        // Upper bound of the prologue and stubs, against what C2 compiles at all: the older prologue was within the
        // chunk's reserve, this one may not be.
        int bytes = e.mv.bytes + 64 + 8 * ids.size();
        for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
            bytes += common.get(i) ? e.moveBytesOf(i) : LiveFills.zeroBytes(e.jvmLocalOf(i));
        }
        Map<Integer, BitSet> extra = new HashMap<>();
        for (Map.Entry<Integer, BitSet> n : needs.entrySet()) {
            BitSet more = n.getValue();
            more.andNot(common);
            if (more.isEmpty()) {
                continue;
            }
            extra.put(n.getKey(), more);
            bytes += 5;
            for (int i = more.nextSetBit(0); i >= 0; i = more.nextSetBit(i + 1)) {
                bytes += e.moveBytesOf(i);
            }
        }
        if (bytes > ChunkBudget.C2_LIMIT) {
            return null;
        }
        return new EntryFills(common, extra);
    }

    /** Where the switch sends entry {@code id}: its stub, or {@code at} itself when it needs no more than the rest. */
    Label target(int id, Label at) {
        if (!extra.containsKey(id)) {
            return at;
        }
        Label stub = new Label();
        stubs.put(id, stub);
        return stub;
    }

    /** Emits the stubs {@link #target} handed out, each filling its entry's slots and jumping to {@code at}. */
    void emitStubs(Emit e, List<Object[]> chunkEntries) {
        for (Object[] entry : chunkEntries) {
            Label stub = stubs.get((Integer) entry[0]);
            if (stub == null) {
                continue;
            }
            e.mv.visitLabel(stub);
            BitSet more = extra.get((Integer) entry[0]);
            for (int i = more.nextSetBit(0); i >= 0; i = more.nextSetBit(i + 1)) {
                e.fill(i);
            }
            e.mv.visitJumpInsn(GOTO, (Label) entry[1]);
        }
    }
}
