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

    /** Whether the view can still be used (the program has not resumed since it was made). */
    boolean isValid();
}
