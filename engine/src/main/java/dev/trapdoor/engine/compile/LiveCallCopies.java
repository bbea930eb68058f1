package dev.trapdoor.engine.compile;

import java.util.BitSet;
import java.util.List;

/**
 * What the trap copy of a chunk compiled with liveness stores: beside the slots its exits store, only those live after
 * one of its calls. The copy runs when something passes a call of the frame (a Wasm exception, a debug stop below it):
 * such a function has no {@code try} (liveness runs only then), so a Wasm exception only unwinds the frame, and a
 * frame that a debug stop moves to the interpreter resumes right after its call, reading what is live there. A
 * debugger that attaches drops code compiled with liveness, so only a frame already running it then can show its
 * dead slots, stale, as it does after a crossing that moved live slots only.
 *
 * <p>The older copy stored every slot the chunk wrote, so each of them stayed live up to every call of the chunk (and
 * in a loop with a call, everywhere in it). In clang -O0's chunks, 80-200 temporaries, that passed the 10,000 virtual
 * registers of C1's linear scan ("out of virtual registers"; fsm-O0, bytes-O0, benchmarks/RESULTS.md session 32).
 * {@code -Dtrapdoor.jit.liveCallCopies=false} keeps every written slot.
 */
final class LiveCallCopies {
    static final String SWITCH = "trapdoor.jit.liveCallCopies";

    private LiveCallCopies() {
    }

    /** Read per function at translation time, so tests compare both shapes in one JVM. */
    static boolean on() {
        return !"false".equals(System.getProperty(SWITCH));
    }

    /**
     * Slots only the trap copy stores. {@code written} (the exits' slots, which the copy stores too) becomes empty
     * when the chunk has no exit ({@code exitsKnown} and no exit ids): everything then moves to the returned set.
     * {@code exitsKnown}: liveness knew every exit's target, or the chunk has none.
     */
    static BitSet trapOnly(FunctionTranslator t, BitSet written, BitSet trapOnly, boolean exitsKnown) {
        if (t.liveness == null || !on() || !exitsKnown) {
            return trapOnly;
        }
        List<Integer> ids = t.sites.resumeIds();
        if (ids == null) {
            return trapOnly;
        }
        BitSet copied = (BitSet) trapOnly.clone();
        if (t.exitIds.isEmpty()) {
            copied.or(written);
            written.clear();
        }
        if (ids.isEmpty()) {
            copied.clear();
            return copied;
        }
        BitSet dead = t.deadLocals(ids);
        if (dead != null) {
            copied.andNot(dead);
        }
        return copied;
    }
}
