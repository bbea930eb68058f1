package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.model.ValType;

/**
 * A view of one Wasm frame while the program is stopped. Values use the engine's slot representation (i32
 * sign-extended in a long, floats as raw bits, references as addresses or -1 for null). A view is valid only until
 * the handler returns: any use afterwards throws {@link IllegalStateException}.
 */
public interface DebugFrame {
    /** 0 for the innermost frame, counting outwards. */
    int index();

    int funcIndex();

    String functionName();

    /** Module offset of the current instruction; for callers, of the call instruction. */
    int moduleOffset();

    /** Number of locals, parameters first. */
    int localCount();

    int paramCount();

    ValType localType(int local);

    /** The local's name from the name section, or {@code null}. */
    String localName(int local);

    long local(int local);

    void setLocal(int local, long value);

    /** Number of values on this frame's operand stack at the current instruction. */
    int stackHeight();

    /** Type of operand stack entry {@code i} (0 = bottom). */
    ValType stackType(int i);

    long stack(int i);

    void setStack(int i, long value);

    /** The high 8 bytes of a v128 local ({@link #local} gives the low 8, lane 0 in its low bits); 0 otherwise. */
    default long localHigh(int local) {
        return 0;
    }

    /** Sets a v128 local's 16 bytes as two little-endian halves. */
    default void setLocalV128(int local, long low, long high) {
        setLocal(local, low);
    }

    /** The high 8 bytes of a v128 operand ({@link #stack} gives the low 8); 0 otherwise. */
    default long stackHigh(int i) {
        return 0;
    }

    /** Sets a v128 operand's 16 bytes as two little-endian halves. */
    default void setStackV128(int i, long low, long high) {
        setStack(i, low);
    }

    /** Whether the view can still be used (the program has not resumed since it was made). */
    boolean isValid();
}
