package dev.trapdoor.engine.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * A loop header's dispatch, recorded as the translator emits it so that later chunks can emit a copy of it: the
 * header's straight-line code up to its first {@code br_table}, and that table's targets.
 *
 * <p>Why: an interpreter's loop ({@code for (;;) switch (op)}) is a header whose {@code br_table} picks one of many
 * bodies, each branching back to the header. When the bodies do not fit the header's chunk, every iteration crossed
 * chunks twice (body → header's chunk → next body's chunk). A chunk that holds a copy of the header sends its
 * back-edges there instead: the copy runs the header's code and jumps straight to a body in the same chunk, or leaves
 * once for the body's chunk. The copy polls first, as the header does, so pauses and time limits still find every
 * iteration; traps in it report the header's own instructions with the same frame.
 *
 * <p>Only headers of plain instructions qualify: {@code block}s without values (the switch's cases), locals,
 * constants, numeric operations and loads, then a {@code br_table} whose targets take no values. Anything else (a
 * call, an {@code if}, a branch, a store) ends the recording without a copy.
 */
final class HeaderCopy {
    /**
     * Copies are off unless {@code -Dtrapdoor.jit.headerCopies=true}: on Lua they cut chunk crossings by 60% but
     * cost CPU rather than save it (benchmarks/RESULTS.md, session 14). Read at each function's translation; off in
     * one that {@link CopyLimit} translates again.
     */
    static boolean enabled() {
        return Boolean.getBoolean("trapdoor.jit.headerCopies") && !CopyLimit.without();
    }

    /** One recorded instruction: what the translator needs to emit it again. */
    record Step(int op, int moduleOffset, int height, int immA, long immL) {
    }

    final List<Step> steps = new ArrayList<>();
    /** Chunk and bytes where the recording began (after the header's poll). */
    final int chunk;
    final int startBytes;
    /** The br_table's operand height and its targets by index (the default last). */
    int tableHeight;
    Control[] targets;
    /** An upper bound of a copy's bytes, known once the br_table is recorded. */
    int bound;

    HeaderCopy(int chunk, int startBytes) {
        this.chunk = chunk;
        this.startBytes = startBytes;
    }

    /** Instructions a copy can repeat (their immediates are {@link Step}'s). */
    static boolean plain(int op) {
        return op == 0x20 || op == 0x21 || op == 0x22 || (op >= 0x41 && op <= 0x44) || MemoryOps.isLoad(op)
                || NumericOps.isNumeric(op);
    }

    /**
     * Finishes the recording at the br_table, whose emission ended at {@code endBytes}. The copy differs from the
     * original in its poll and exit (16 bytes each at most), in a target's stub (an exit instead of a jump: 3 more
     * bytes), in the tableswitch's padding (3), and in the width of each JVM local it touches (up to 3 more bytes
     * for each of at most three per instruction).
     */
    void finish(int height, Control[] targets, int endBytes) {
        this.tableHeight = height;
        this.targets = targets;
        this.bound = endBytes - startBytes + 32 + 3 * targets.length + 3 + 9 * steps.size();
    }
}
