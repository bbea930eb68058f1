package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.MachineState;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;

/**
 * One stopped frame and its instance as a {@link MachineState}. Valid while the frame view is (until the debug
 * handler returns). Globals and memory are the instance's; Wasm locals and the operand stack are the frame's, so each
 * frame of a recursion sees its own.
 */
public final class FrameMachineState implements MachineState {
    private final DebugFrame frame;
    private final Instance instance;

    public FrameMachineState(DebugFrame frame, Instance instance) {
        this.frame = frame;
        this.instance = instance;
    }

    /** The module offset to ask {@code SourceVariables} about for this frame. */
    public int moduleOffset() {
        return frame.moduleOffset();
    }

    @Override
    public long local(int index) {
        if (index < 0 || index >= frame.localCount()) {
            throw new IllegalArgumentException("the function has no local " + index);
        }
        return frame.local(index);
    }

    @Override
    public void setLocal(int index, long value) {
        if (index < 0 || index >= frame.localCount()) {
            throw new IllegalArgumentException("the function has no local " + index);
        }
        frame.setLocal(index, value);
    }

    @Override
    public long localHigh(int index) {
        if (index < 0 || index >= frame.localCount()) {
            throw new IllegalArgumentException("the function has no local " + index);
        }
        return frame.localHigh(index);
    }

    @Override
    public void setLocalV128(int index, long low, long high) {
        if (index < 0 || index >= frame.localCount()) {
            throw new IllegalArgumentException("the function has no local " + index);
        }
        frame.setLocalV128(index, low, high);
    }

    @Override
    public long globalHigh(int index) {
        return instance.globalAt(checkGlobal(index)).high();
    }

    @Override
    public long operandHigh(int index) {
        return index >= 0 && index < frame.stackHeight() ? frame.stackHigh(index) : 0;
    }

    @Override
    public long global(int index) {
        return instance.globalAt(checkGlobal(index)).get();
    }

    @Override
    public void setGlobal(int index, long value) {
        instance.globalAt(checkGlobal(index)).set(value);
    }

    private int checkGlobal(int index) {
        if (index < 0 || index >= instance.module().globals().size() + instance.module().importedGlobalCount()) {
            throw new IllegalArgumentException("the module has no global " + index);
        }
        return index;
    }

    @Override
    public long operand(int index) {
        if (index < 0 || index >= frame.stackHeight()) {
            throw new IllegalArgumentException("operand stack entry " + index + " does not exist");
        }
        return frame.stack(index);
    }

    @Override
    public int operandCount() {
        return frame.stackHeight();
    }

    @Override
    public byte[] readMemory(long address, int length) {
        MemoryInstance memory = instance.memory();
        if (memory == null || !memory.inBounds(address, length)) {
            return null;
        }
        return memory.read(address, length);
    }

    @Override
    public void writeMemory(long address, byte[] bytes) {
        MemoryInstance memory = instance.memory();
        if (memory == null || !memory.inBounds(address, bytes.length)) {
            throw new IllegalArgumentException("cannot write memory at 0x" + Long.toHexString(address));
        }
        memory.write(address, bytes);
    }

    @Override
    public long memorySize() {
        MemoryInstance memory = instance.memory();
        return memory == null ? 0 : memory.byteSize();
    }
}
