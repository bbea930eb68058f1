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
    /** The tail after a block's end: its steps, and the module offset of the loop its {@code br} goes to. */
    record Tail(List<HeaderCopy.Step> steps, int loopOffset) {
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

    /** Longest tail kept: a copy is for a few instructions, not for a case's body. */
    static final int MAX_STEPS = 24;

    /** Open blocks, loops, ifs and trys: opcode, module offset, results. */
    private final Deque<int[]> open = new ArrayDeque<>();
    private final Map<Integer, Tail> tails = new HashMap<>();
    /** The block whose end is being followed, and the steps after it so far (null: none). */
    private int following = -1;
    private List<HeaderCopy.Step> steps;

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        if (steps != null) {
            if (HeaderCopy.plain(op) && steps.size() < MAX_STEPS) {
                steps.add(new HeaderCopy.Step(op, moduleOffset, v.height(), v.immA, v.immL));
                return;
            }
            if (op == 0x0C && v.immA < open.size()) {
                int[] target = (int[]) open.toArray()[v.immA];
                if (target[0] == 0x03) {
                    tails.put(following, new Tail(List.copyOf(steps), target[1]));
                }
            }
            steps = null;
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

    /** The tail after the end of the block opened at {@code moduleOffset}, or null. */
    Tail tail(int moduleOffset) {
        return tails.get(moduleOffset);
    }
}
