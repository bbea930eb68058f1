package dev.trapdoor.engine.compile;

import java.util.HashMap;
import java.util.Map;

/**
 * The size a chunk holding nothing but a loop would have, for each loop of a function, measured by translating the
 * function once into a scratch class at a wide budget before the real translation: the chunking rule then keeps a
 * loop that fits the loop budget whole ({@link ChunkBudget#loopStartsChunk}) while it cuts straight code at the
 * smaller budget. A loop's code depends on the chunk around it (which memory accesses become calls, which values are
 * pending), so the size is a close estimate, not a promise; the per-instruction check still bounds every chunk.
 *
 * <p>{@code -Dtrapdoor.jit.wholeLoops=false}: no scratch pass; loops are placed by their Wasm length as before.
 */
final class WholeLoops {
    static final boolean ENABLED = !"false".equals(System.getProperty("trapdoor.jit.wholeLoops"));
    /**
     * {@code -Dtrapdoor.jit.loopBudget=N}: the budget a chunk keeping a loop whole may reach; none (0) or one no
     * larger than the chunk budget leaves the rule off. Not final only so a test can set it around the engine's own
     * compiles (tests run one at a time).
     */
    static int loopBudget = Integer.getInteger("trapdoor.jit.loopBudget", 0);

    /** Size of a fresh chunk holding the loop, by the loop instruction's module offset. */
    private final Map<Integer, Integer> freshSizes = new HashMap<>();
    /** Set in the scratch pass only: a loop's chunk and code bytes at its open, by its module offset. */
    private final Map<Integer, int[]> opened = new HashMap<>();

    /** Whether the scratch pass should run for a function cut at {@code budget} with loop budget {@code loopBudget}. */
    static boolean applies(int budget, int loopBudget) {
        return ENABLED && loopBudget > budget;
    }

    /** The measured fresh-chunk size of the loop at {@code moduleOffset}, or 0 if it was not measured whole. */
    int freshSize(int moduleOffset) {
        return freshSizes.getOrDefault(moduleOffset, 0);
    }

    /** Scratch pass: the loop at {@code moduleOffset} opens in {@code chunk}, its code starting at {@code codeBytes}. */
    void opened(int moduleOffset, int chunk, int codeBytes) {
        opened.put(moduleOffset, new int[]{chunk, codeBytes});
    }

    /**
     * Scratch pass: the loop at {@code moduleOffset} ends in {@code chunk} at {@code codeBytes}. A loop cut in the
     * scratch pass is not measured. {@code freshEpilogue} is what a chunk of just this loop adds around
     * its code; {@code startedChunk}: the loop opened its chunk.
     */
    void closed(int moduleOffset, int chunk, int codeBytes, int freshEpilogue, boolean startedChunk) {
        int[] o = opened.remove(moduleOffset);
        if (o != null && o[0] == chunk) {
            // A loop that started its chunk counts the chunk's own start (its jump to the prologue, header copies).
            freshSizes.put(moduleOffset, codeBytes - (startedChunk ? 0 : o[1]) + freshEpilogue);
        }
    }

    boolean isEmpty() {
        return freshSizes.isEmpty();
    }
}
