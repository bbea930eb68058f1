package dev.trapdoor.engine.exec;

/**
 * A WebAssembly exception in flight (3.0, exception handling): a tag and its payload, in the slot representation of
 * {@link Values} (a v128 as two entries, low half first). It travels as a Java exception through the interpreter,
 * compiled code and host functions until a Wasm handler catches it; one that no handler catches leaves
 * {@link FunctionInstance#call} or {@link Instance#invoke} as this exception.
 *
 * <p>A host function throws one to raise a Wasm exception, and catches one from its calls back into Wasm. The same
 * object is the referent of an {@code exnref}, so {@code throw_ref} rethrows the identical exception.
 */
public final class WasmThrow extends RuntimeException {
    private final TagInstance tag;
    /** One slot per value, and the high halves of v128 values at the same index (else 0). */
    private final long[] values;
    private final long[] highs;
    /** The Wasm stack where it was thrown when no Wasm handler was there to catch it, innermost first. */
    private java.util.List<dev.trapdoor.engine.trap.WasmFrame> frames = java.util.List.of();
    /** Whether a debugger has been told of this throw (a host's throw is told where it enters Wasm). */
    boolean announced;
    /** The exception's {@code exnref} value once a handler took it as a reference, else -1. */
    long ref = -1;
    /** The innermost frame it is leaving: its function, frame pointer, and a pc inside the throwing instruction. */
    FunctionInstance siteFn;
    int siteFp;
    int sitePc;

    /** @param payload the tag's parameters, in order, as {@link Values} slots */
    public WasmThrow(TagInstance tag, long... payload) {
        super(null, null, false, false);
        int n = tag.type().paramCount();
        if (payload.length != n + v128Count(tag)) {
            throw new IllegalArgumentException("tag " + tag + " takes " + n + " values, got " + payload.length);
        }
        this.tag = tag;
        this.values = new long[n];
        this.highs = new long[n];
        for (int i = 0, k = 0; i < n; i++) {
            values[i] = payload[k++];
            if (tag.type().param(i) == dev.trapdoor.engine.model.ValType.V128) {
                highs[i] = payload[k++];
            }
        }
    }

    /** A {@code throw} in Wasm code: the values and v128 high halves as they were in their slots. */
    WasmThrow(TagInstance tag, long[] values, long[] highs) {
        super(null, null, false, false);
        this.tag = tag;
        this.values = values;
        this.highs = highs;
    }

    private static int v128Count(TagInstance tag) {
        int n = 0;
        for (int i = 0; i < tag.type().paramCount(); i++) {
            n += tag.type().param(i) == dev.trapdoor.engine.model.ValType.V128 ? 1 : 0;
        }
        return n;
    }

    public TagInstance tag() {
        return tag;
    }

    /** The payload, one slot per value (a v128 as two, low half first). */
    public long[] payload() {
        int n = values.length;
        long[] out = new long[n + v128Count(tag)];
        for (int i = 0, k = 0; i < n; i++) {
            out[k++] = values[i];
            if (tag.type().param(i) == dev.trapdoor.engine.model.ValType.V128) {
                out[k++] = highs[i];
            }
        }
        return out;
    }

    /**
     * The Wasm call stack at the throw, innermost first, when no Wasm handler in the interpreter's frames could
     * catch it there (what a report of an uncaught exception shows); empty otherwise.
     */
    public java.util.List<dev.trapdoor.engine.trap.WasmFrame> frames() {
        return frames;
    }

    void frames(java.util.List<dev.trapdoor.engine.trap.WasmFrame> stack) {
        this.frames = stack;
    }

    long[] values() {
        return values;
    }

    long[] highs() {
        return highs;
    }

    /** Records the frame the exception is leaving now, for the handler search. */
    void at(FunctionInstance fn, int fp, int pc) {
        siteFn = fn;
        siteFp = fp;
        sitePc = pc;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder("uncaught exception ").append(tag.name() != null ? "$" + tag.name()
                : "(unnamed tag)");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? " (" : ", ").append(Values.toString(tag.type().param(i), values[i]));
        }
        if (values.length > 0) {
            sb.append(')');
        }
        return sb.toString();
    }
}
