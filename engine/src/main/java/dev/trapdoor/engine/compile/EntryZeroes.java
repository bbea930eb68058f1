package dev.trapdoor.engine.compile;

import java.util.BitSet;

/**
 * The declared locals a function's entry must set in the value stack (0, or null for a reference) before its first
 * chunk runs. Chunk 0's prologue sets the declared locals chunk 0 uses in its JVM locals, and its exits and trap
 * copies store them, so only the others can be read from the value stack before anything wrote them: by a later
 * chunk's entry, by the interpreter that a frame moves into, by a debugger's frame copy. With {@link Liveness} (no
 * debugger to show dead values), only those of them live at the function's start: any other is written before it is
 * read on every path.
 *
 * <p>A function with a {@code try} sets them all (its handlers run in the interpreter, which reads locals the compiled
 * code never touched), as does one that may hold GC references (a collection reads the frame's slots). So does every
 * function with {@code -Dtrapdoor.jit.entryZeroes=false}, the optimization switched off.
 */
final class EntryZeroes {
    private EntryZeroes() {
    }

    static final boolean ENABLED = !"false".equals(System.getProperty("trapdoor.jit.entryZeroes"));

    /** The slots to set on entry, ascending; empty for a function of one chunk without a {@code try}. */
    static int[] of(FunctionTranslator t, int chunks) {
        int params = t.type.paramCount();
        int locals = t.localCount();
        if (!t.handlers && chunks == 1) {
            return new int[0];
        }
        BitSet zero = new BitSet();
        zero.set(params, locals);
        if (ENABLED && !t.handlers && !t.gcPoints.mayHold()) {
            zero.andNot(t.firstChunkUsed);
            BitSet live = t.liveness == null ? null : t.liveness.at(EntryIds.of(t.size.firstOffset, EntryIds.AT));
            if (live != null) {
                zero.and(live);
            }
        }
        return zero.stream().toArray();
    }
}
