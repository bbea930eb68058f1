package dev.trapdoor.engine.compile;

/**
 * A limit on the JVM locals of one chunk, beside its byte budget. HotSpot's C1 gives up on a method whose linear scan
 * needs more virtual registers than it has ("out of virtual registers in linear scan"), and then never compiles it at
 * any C1 tier: a chunk whose first C1 compile succeeded and whose profiling compile failed keeps unprofiled code and
 * never reaches C2. In -O0 code every value goes through a Wasm local, so a chunk of 3,000-6,500 bytes uses 80-200 of
 * them (163-399 JVM local words), and every local written in the chunk stays live to its exits, so C1 makes phis of
 * nearly all of them at every join: such chunks failed in every run of sort-O0, nbody-O0, fsm-O0, trees-O0 and
 * printf-O0 (benchmarks/RESULTS.md, session 27), while no chunk of at most 157 words did. The chunk is cut before an
 * instruction outside every loop (a cut in a loop costs a crossing per iteration) once its locals reach
 * {@link #limit}, if it already holds a sixteenth of its byte budget in code (so a typed entry whose parameters alone
 * pass the limit still gets a chunk of real size; -O0 code reaches 128 words in 700-900 bytes, before its fills and
 * spills). Off by default: {@code -Dtrapdoor.jit.slotBudget=true} switches it on at {@link #DEFAULT_LIMIT}, a number
 * sets the limit in JVM local words.
 */
final class SlotBudget {
    static final String SWITCH = "trapdoor.jit.slotBudget";
    /** JVM local words (a frame slot takes two) from which a chunk is cut. */
    static final int DEFAULT_LIMIT = 128;

    private SlotBudget() {
    }

    /**
     * The limit in JVM local words, or 0 when off (the default: cuts in -O0 kernels' straight code measured no faster
     * than C1's skips, benchmarks/RESULTS.md session 27); read per function, so tests compare both shapes.
     */
    static int limit() {
        String s = System.getProperty(SWITCH);
        if (s == null || s.isEmpty() || "false".equals(s)) {
            return 0;
        }
        return "true".equals(s) ? DEFAULT_LIMIT : Integer.parseInt(s);
    }

    /**
     * Whether a chunk holding {@code codeBytes} of code in {@code jvmLocals} JVM local words should end before the
     * next instruction, given the function's byte budget and this limit.
     */
    static boolean full(int limit, int jvmLocals, int codeBytes, int budget) {
        return limit > 0 && jvmLocals >= limit && codeBytes >= budget / 16;
    }
}
