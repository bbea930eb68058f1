package dev.trapdoor.engine.compile;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operand-stack height at each place a chunk can be entered, as the translator learns it, so that a crossing
 * leaves out the operand slots above it: the frame state at an entry id holds the operand stack only up to that
 * height (see {@link EntryIds}), so a slot above it is written before it is read wherever the frame goes on, in a
 * chunk or in the interpreter. An interpreter's loop in one function of many chunks (a C {@code switch} in a
 * {@code for}, every case a value-less block) crosses with an empty operand stack, while every chunk writes a few
 * operand slots: without this each crossing stored them at the exit and loaded them again at the entry.
 *
 * <p>Like {@link Liveness}, only without a debugger (which shows every slot of a frame it stops in); a trap copy still
 * stores every slot the chunk wrote. {@code -Dtrapdoor.jit.deadOperands=false} moves every written or used operand
 * slot, as before.
 */
final class DeadOperands {
    /** Read per function, so that a test can compare both shapes in one JVM. */
    private final boolean on = !"false".equals(System.getProperty("trapdoor.jit.deadOperands"));

    /** Operand-stack height by entry id; an id not here is unknown, and then every operand slot counts as live. */
    private final Map<Integer, Integer> heights = new HashMap<>();

    /** Records that the frame state at {@code id} holds {@code height} operands. */
    void at(int id, int height) {
        heights.put(id, height);
    }

    /**
     * The height at the after-call entry of a call at {@code moduleOffset} whose operands start at {@code h}: the
     * call pops its {@code popped} operands and pushes its {@code results}.
     */
    void afterCall(int moduleOffset, int h, int popped, int results) {
        at(EntryIds.afterCall(moduleOffset), h - popped + results);
    }

    /**
     * Adds to {@code dead} (which may be null) the operand slots, of those below {@code slotLimit}, above the highest
     * stack at every one of {@code ids}, whose first operand slot is {@code firstOperandSlot}; returns the set, or
     * {@code dead} as given when an id's height is unknown or this is off.
     */
    BitSet addAbove(BitSet dead, List<Integer> ids, int firstOperandSlot, int slotLimit) {
        if (!on || ids.isEmpty()) {
            return dead;
        }
        int highest = 0;
        for (int id : ids) {
            Integer h = heights.get(id);
            if (h == null) {
                return dead;
            }
            highest = Math.max(highest, h);
        }
        int from = firstOperandSlot + highest;
        if (from >= slotLimit) {
            return dead;
        }
        BitSet result = dead == null ? new BitSet() : dead;
        result.set(from, slotLimit);
        return result;
    }
}
