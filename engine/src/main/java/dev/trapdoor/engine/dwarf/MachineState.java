package dev.trapdoor.engine.dwarf;

/**
 * The state of one stopped Wasm frame and its instance, as variable locations see it. This package cannot see the
 * engine's frames ({@code dwarf} does not depend on {@code exec} or {@code debug}), so the debugger adapts its frame
 * to this ({@code dev.trapdoor.engine.debug.vars.FrameMachineState}). Values are Wasm slots: an i32 sign-extended in a
 * long, floats as their raw bits.
 */
public interface MachineState {
    long local(int index);

    void setLocal(int index, long value);

    long global(int index);

    void setGlobal(int index, long value);

    /** The high 8 bytes of a v128 local ({@link #local} gives the low 8); 0 for other types. */
    default long localHigh(int index) {
        return 0;
    }

    /** Sets a v128 local's 16 bytes as two little-endian halves. */
    default void setLocalV128(int index, long low, long high) {
        throw new IllegalArgumentException("local " + index + " cannot hold 16 bytes");
    }

    /** The high 8 bytes of a v128 global; 0 for other types. */
    default long globalHigh(int index) {
        return 0;
    }

    /** The high 8 bytes of a v128 operand; 0 for other types. */
    default long operandHigh(int index) {
        return 0;
    }

    /** Operand stack entry {@code index} of this frame, 0 being the bottom (as {@code DW_OP_WASM_location 2} counts). */
    long operand(int index);

    int operandCount();

    /** {@code length} bytes of linear memory 0 from {@code address}, or null when any of them is out of bounds. */
    byte[] readMemory(long address, int length);

    /** Writes linear memory; throws {@link IllegalArgumentException} when out of bounds. */
    void writeMemory(long address, byte[] bytes);

    /** The size of linear memory 0 in bytes (0 without a memory). */
    long memorySize();
}
