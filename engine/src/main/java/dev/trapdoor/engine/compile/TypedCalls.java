package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;

/**
 * The typed calling convention between compiled functions. A function whose type has at most one result also gets a
 * typed entry (a function of several chunks: {@link ChunkedTypedEntry}, which runs its chunks; what follows is the
 * one-chunk kind) {@code t(int fp, int slack, long... params) -> long} (with {@link #SHORT} off,
 * {@code t(int fp, int slack, long[] unused, long mem, int memSize, long... params) -> long}): its arguments arrive
 * as JVM arguments and its result leaves as the JVM return value, so a call between two compiled functions touches
 * the value stack only when a frame exits (a trap, a poll). {@code slack} is the call depth left
 * ({@code exec.JitRt#enterTyped}): typed frames pass it down instead of counting themselves in the interpreter's
 * fields. The typed method keeps a chunk's JVM locals layout ({@link Emit#FP} to
 * {@link Emit#MEM_SIZE}, then the frame's slots), so the translator emits one body for both: in the short form the
 * prologue moves the parameters up past the fixed locals' places ({@code Emit#takeTypedArgs}), moves C2 makes free.
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

    /**
     * Whether a typed entry takes only {@code fp} and {@code slack} before its parameters, without the three
     * placeholders of the fixed locals' places ({@code long[] unused, long mem, int memSize}): a caller then passes
     * nothing it need not, and the callee's prologue loads memory 0 itself when its body touches it.
     * {@code -Dtrapdoor.jit.shortTypedCalls=false} gives the full layout, the caller passing memory 0 when it has it.
     */
    public static final boolean SHORT = !"false".equals(System.getProperty("trapdoor.jit.shortTypedCalls"));

    /** The JVM types of a typed entry's leading parameters, before the Wasm parameters. */
    static final String LEADING_DESC = SHORT ? "II" : Emit.FIXED_LOCALS_DESC;

    /** The JVM local of a typed entry's parameter {@code i} as it arrives (the prologue may move it). */
    static int argLocal(int i) {
        return (SHORT ? 2 : Emit.SLOT0) + 2 * i;
    }

    /** The JVM descriptor of the typed entry of a function of type {@code ft}. */
    public static String descriptor(FuncType ft) {
        return "(" + LEADING_DESC + "J".repeat(ft.paramCount()) + ")J";
    }

    /** Name of the typed entry method in a compiled function's first class. */
    public static final String METHOD = "t";
}
