package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;

/**
 * The typed calling convention between compiled functions. A function whose type has at most one result also gets a
 * typed entry (a function of several chunks: {@link ChunkedTypedEntry}, which runs its chunks; what follows is the
 * one-chunk kind) {@code t(int fp, int slack, long[] unused, byte[] mem, int memSize, long... params) ->
 * long}: its arguments arrive as JVM arguments and its result leaves as the JVM return value, so a call between two
 * compiled functions touches the value stack only when a frame exits (a trap, a poll). {@code slack} is the call
 * depth left ({@code exec.JitRt#enterTyped}): typed frames pass it down instead of counting themselves in the
 * interpreter's fields. The leading parameters give the typed method the same JVM locals layout as a chunk
 * ({@link Emit#FP} to {@link Emit#MEM_SIZE}), so the translator emits one body for both.
 */
public final class TypedCalls {
    private TypedCalls() {
    }

    /** JVM method handles take at most 255 argument slots; a long takes two. */
    static final int MAX_PARAMS = 100;

    /** Whether calls to a function of type {@code ft} use the typed convention. */
    public static boolean eligible(FuncType ft) {
        // A v128 would take two JVM values: such calls keep the value-stack convention.
        return ft.paramCount() <= MAX_PARAMS && ft.resultCount() <= 1 && !ft.hasV128();
    }

    /** The JVM descriptor of the typed entry of a function of type {@code ft}. */
    public static String descriptor(FuncType ft) {
        return "(" + Emit.FIXED_LOCALS_DESC + "J".repeat(ft.paramCount()) + ")J";
    }

    /** Name of the typed entry method in a compiled function's first class. */
    public static final String METHOD = "t";
}
