package dev.trapdoor.engine.compile;

/**
 * A smaller chunk budget for a large function dense in blocks (musl's {@code printf_core}: 29 blocks, loops, ifs and
 * elses per 1,000 Wasm bytes). HotSpot's C1 compiles a chunk first; on such a function's 5,000-6,700-byte chunks
 * (hundreds of labels, dozens of {@code long} locals) it gave up ("out of virtual registers in linear scan") in every
 * run, and when that happened to its profiling compile after its first one had succeeded, the chunk stayed in C1's
 * code without a profile and never reached C2 (printf-O2 0.39-0.52 ms per call against 0.26-0.33 at 5,000-byte chunks,
 * benchmarks/RESULTS.md, session 25). Other kernels' functions are at most 19 blocks per 1,000 bytes (dlmalloc) and
 * keep the budget they had. {@code -Dtrapdoor.jit.branchyBudget=false} switches this off.
 */
final class BranchyBudget {
    static final String SWITCH = "trapdoor.jit.branchyBudget";
    /** The budget such a function gets: C1 compiled printf_core's chunks at it in every run measured. */
    static final int BUDGET = 5000;
    /** Blocks, loops, ifs and elses per 1,000 Wasm bytes from which a function counts as dense. */
    static final int BLOCKS_PER_KB = 24;

    private BranchyBudget() {
    }

    /**
     * The budget for a function of {@code wasmBytes} of code holding {@code blocks} block-like instructions, given
     * {@code budget}. A function too small to fill two chunks keeps it (and so its one chunk).
     */
    static int chunkBudget(int budget, int wasmBytes, int blocks) {
        boolean dense = (long) blocks * 1000 >= (long) BLOCKS_PER_KB * wasmBytes;
        // Read per function (a compile-time cost only), so tests can compare both shapes in one JVM.
        boolean enabled = !"false".equals(System.getProperty(SWITCH));
        return enabled && budget > BUDGET && wasmBytes >= budget && dense ? BUDGET : budget;
    }

    /** Whether {@code op} opens or splits a block: what C1 makes join points (and phis) of. */
    static boolean blockLike(int op) {
        return op == 0x02 || op == 0x03 || op == 0x04 || op == 0x05;
    }
}
