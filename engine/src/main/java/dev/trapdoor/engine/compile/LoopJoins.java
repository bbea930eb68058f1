package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks whose end leads straight back to a loop's header: after the {@code end}, only instructions a
 * {@link HeaderCopy} can repeat, then a {@code br} to the loop. Found in the pre-pass, since the translator meets such
 * an end only after the branches to it.
 *
 * <p>Why: an interpreter's cases often end by branching to one shared tail (Lua's: fetch the next instruction, then
 * back to the switch) that lies in the last chunk. A chunk holding a copy of that tail beside its copy of the header
 * sends its cases from one case to the next without leaving.
 */
final class LoopJoins implements CodeSink {
    /**
     * The tail after a block's end: its steps, the module offset of the loop it branches back to, and where the code
     * goes on when its last step is a {@code br_if} to the loop that is not taken (the module offset of the
     * {@code end} right after it; -1 when the tail ends in a {@code br}).
     */
    record Tail(List<HeaderCopy.Step> steps, int loopOffset, int continuation) {
        /** Whether the tail ends in a conditional back-edge, its last step. */
        boolean conditional() {
            return continuation >= 0;
        }

        /** Whether the tail ends the function ({@link #returns}): its last step is a {@code return}. */
        boolean returning() {
            return loopOffset == RETURNS;
        }
    }

    /** A {@link Tail}'s loop offset when the tail returns from the function instead of branching to a loop. */
    static final int RETURNS = -2;

    /**
     * Whether a block's tail that returns from the function is copied too (on unless
     * {@code -Dtrapdoor.jit.returnTails=false}): after the block's {@code end}, only plain instructions and
     * {@code global.set}s, then the function's {@code end} or a {@code return}. A C function's epilogue (restore the
     * stack pointer, return the result) follows its outermost block, which every early exit branches to; dlmalloc's
     * lies in its last chunk, and each {@code malloc} left its chunk for it (trees-O2: one of its two crossings a
     * call; benchmarks/RESULTS.md, session 26). Read at each function's translation.
     */
    static boolean returns() {
        return !"false".equals(System.getProperty("trapdoor.jit.returnTails"));
    }

    /**
     * Whether a chunk inside the loop copies such a tail even without a copy of the loop's header (on unless
     * {@code -Dtrapdoor.jit.tailCopies=false}): a case of an interpreter's loop that branches to the shared tail then
     * leaves its chunk once, for the header's, instead of twice (for the tail's chunk, then the header's). Lua's
     * {@code luaV_execute}: a fifth fewer chunk crossings, and less CPU per Lua instruction once warm
     * (benchmarks/RESULTS.md, session 21). Read at each function's translation.
     */
    static boolean tailsAlone() {
        return !"false".equals(System.getProperty("trapdoor.jit.tailCopies"));
    }

    /**
     * Whether a tail may also hold stores, {@code select}s, value-less blocks with {@code br_if}s to their own ends,
     * and end in a {@code br_if} to the loop whose fall-through leaves the copy (off unless
     * {@code -Dtrapdoor.jit.tailBranches=true}; off, only straight tails ending in {@code br} are copied). A C
     * interpreter's handlers share such a tail: a store, the next pc, a checksum's {@code if}, the step counter's
     * {@code while} test. {@code bigvm}: 2.05 crossings per step instead of 2.99, but only ~5% less CPU, and Lua's
     * {@code bench.lua 4}, whose loop has such tails too, used more CPU in 5 of 6 pairs at a load of 17-30
     * (benchmarks/RESULTS.md, session 24). Read at each function's translation; off in one that
     * {@link CopyLimit} translates again.
     */
    static boolean branches() {
        return Boolean.getBoolean("trapdoor.jit.tailBranches") && !CopyLimit.without();
    }

    /** Longest tail kept: a copy is for a few instructions, not for a case's body. */
    static final int MAX_STEPS = 24;
    /** Longest tail kept with {@link #branches}: the bytes each chunk spends on copies bound them too. */
    static final int MAX_BRANCHY_STEPS = 128;

    private final boolean branchy = branches();
    private final boolean returnTails = returns();
    /** Blocks opened inside the tail being followed and not closed yet. */
    private int inner;
    /** A tail ended in a br_if to its loop: it is kept only if the loop's own end comes right after. */
    private Tail awaiting;
    private int awaitingBlock;
    private int awaitingLoop;
    /** A SIMD instruction was seen: its lanes' state is the translator's, so tails stay straight and plain. */
    private boolean simd;

    /** Open blocks, loops, ifs and trys: opcode, module offset, results. */
    private final Deque<int[]> open = new ArrayDeque<>();
    private final Map<Integer, Tail> tails = new HashMap<>();
    /** The block whose end is being followed, and the steps after it so far (null: none). */
    private int following = -1;
    private List<HeaderCopy.Step> steps;

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        simd |= op > 0xFF;
        if (awaiting != null) {
            int[] closing = open.peek();
            if ((op == 0x0B && closing != null && closing[1] == awaitingLoop)) {
                tails.put(awaitingBlock, new Tail(awaiting.steps(), awaiting.loopOffset(), moduleOffset));
            }
            awaiting = null;
        }
        if (steps != null) {
            if (follow(op, moduleOffset, v)) {
                return;
            }
            boolean globals = steps.stream().anyMatch(s -> s.op() == 0x24);
            if (returnTails && inner == 0 && (op == 0x0F || op == 0x0B && open.isEmpty())) {
                List<HeaderCopy.Step> all = new ArrayList<>(steps);
                all.add(new HeaderCopy.Step(0x0F, moduleOffset, v.height(), 0, 0));
                tails.put(following, new Tail(List.copyOf(all), RETURNS, -1));
            } else if ((op == 0x0C || (op == 0x0D && branchy && !simd)) && inner == 0 && v.immA < open.size()
                    && !globals) {
                int[] target = (int[]) open.toArray()[v.immA];
                if (target[0] == 0x03 && op == 0x0C) {
                    tails.put(following, new Tail(List.copyOf(steps), target[1], -1));
                } else if (target[0] == 0x03 && target[2] == 0 && v.frame(v.immA).branchArity() == 0) {
                    steps.add(new HeaderCopy.Step(op, moduleOffset, v.height(), v.immA, v.immL));
                    awaiting = new Tail(List.copyOf(steps), target[1], -1);
                    awaitingBlock = following;
                    awaitingLoop = target[1];
                }
            }
            steps = null;
            inner = 0;
        }
        switch (op) {
            case 0x02, 0x03, 0x04, 0x06, 0x1F -> open.push(new int[]{op, moduleOffset, v.frame(0).results.length});
            case 0x0B, 0x18 -> {
                int[] c = open.poll();
                if (c != null && c[0] == 0x02 && c[2] == 0) {
                    following = c[1];
                    steps = new ArrayList<>();
                }
            }
            default -> {
            }
        }
    }

    /** Adds the instruction to the tail being followed, if a copy can repeat it there. */
    private boolean follow(int op, int moduleOffset, FunctionValidator v) {
        boolean wide = branchy && !simd;
        if (steps.size() >= (wide ? MAX_BRANCHY_STEPS : MAX_STEPS)) {
            return false;
        }
        boolean keep = HeaderCopy.plain(op) || op == 0x24 && returnTails && inner == 0
                || wide && (MemoryOps.isStore(op) || op == 0x1B
                || op == 0x02 && v.frame(0).results.length == 0 && v.frame(0).branchArity() == 0
                || op == 0x0B && inner > 0
                || op == 0x0D && v.immA < inner);
        if (!keep) {
            return false;
        }
        steps.add(new HeaderCopy.Step(op, moduleOffset, v.height(), v.immA, v.immL));
        if (op == 0x02) {
            inner++;
            open.push(new int[]{op, moduleOffset, 0});
        } else if (op == 0x0B) {
            inner--;
            open.poll();
        }
        return true;
    }

    /** The tail after the end of the block opened at {@code moduleOffset}, or null. */
    Tail tail(int moduleOffset) {
        return tails.get(moduleOffset);
    }
}
