package dev.trapdoor.engine.dwarf;

/** A machine state without a running program: zeroed locals, globals and operand stack, and a small memory. */
final class FakeMachineState implements MachineState {
    final long[] locals = new long[16];
    final long[] globals = new long[4];
    final byte[] memory;

    FakeMachineState(int memorySize) {
        this.memory = new byte[memorySize];
    }

    @Override
    public long local(int index) {
        return locals[index];
    }

    @Override
    public void setLocal(int index, long value) {
        locals[index] = value;
    }

    @Override
    public long global(int index) {
        return globals[index];
    }

    @Override
    public void setGlobal(int index, long value) {
        globals[index] = value;
    }

    @Override
    public long operand(int index) {
        return 0;
    }

    @Override
    public int operandCount() {
        return 2;
    }

    @Override
    public byte[] readMemory(long address, int length) {
        if (address < 0 || length < 0 || address + length > memory.length) {
            return null;
        }
        byte[] out = new byte[length];
        System.arraycopy(memory, (int) address, out, 0, length);
        return out;
    }

    @Override
    public void writeMemory(long address, byte[] bytes) {
        System.arraycopy(bytes, 0, memory, (int) address, bytes.length);
    }

    @Override
    public long memorySize() {
        return memory.length;
    }
}
