package dev.trapdoor.dap.watch;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.instr.Instruction;
import dev.trapdoor.engine.instr.InstructionReader;
import dev.trapdoor.engine.instr.Opcode;
import dev.trapdoor.engine.model.WasmModule;

/**
 * What the instruction a frame is stopped at is about to read: the memory range of a load (or of
 * {@code memory.copy}'s source), or a global of {@code global.get}. Read from the Wasm instruction and the operands
 * on the frame's operand stack, so the frame must run its function's exact translation, where every operand is in
 * its slot.
 */
record LoadAccess(WatchTarget target) {
    /** The access at the frame's instruction, or {@code null} when it reads no memory and no global. */
    static LoadAccess at(Instance instance, DebugFrame frame) {
        WasmModule module = instance.module();
        Instruction ins;
        try {
            ins = InstructionReader.read(new ByteReader(module.bytes(), frame.moduleOffset(), module.bytes().length));
        } catch (RuntimeException notAnInstruction) {
            return null; // a function's end, or a prefix this reader does not decode: nothing read
        }
        Opcode op = ins.opcode();
        int height = frame.stackHeight();
        if (op == Opcode.GLOBAL_GET) {
            return new LoadAccess(new WatchTarget.Global((int) ins.immediate(0)));
        }
        if (op == Opcode.MEMORY_COPY && height >= 3) {
            int memory = (int) ins.immediate(1);
            long size = unsigned(instance, memory, frame.stack(height - 1));
            return size <= 0 || size > Integer.MAX_VALUE ? null : new LoadAccess(new WatchTarget.Memory(memory,
                    unsigned(instance, memory, frame.stack(height - 2)), (int) size));
        }
        int size = loadSize(op);
        if (size == 0 || height < 1) {
            return null;
        }
        int memory = (int) ins.immediate(2);
        long address = unsigned(instance, memory, frame.stack(height - 1)) + ins.immediate(1);
        return new LoadAccess(new WatchTarget.Memory(memory, address, size));
    }

    /** Whether this access touches a byte of the watched target. */
    boolean touches(WatchTarget watched) {
        if (watched instanceof WatchTarget.Global g) {
            return target instanceof WatchTarget.Global mine && mine.global() == g.global();
        }
        WatchTarget.Memory w = (WatchTarget.Memory) watched;
        return target instanceof WatchTarget.Memory m && m.memory() == w.memory()
                && m.address() < w.address() + w.size() && w.address() < m.address() + m.size();
    }

    private static long unsigned(Instance instance, int memory, long operand) {
        boolean is64 = memory < instance.module().memories().size() && instance.module().memories().get(memory)
                .is64();
        return is64 ? operand : operand & 0xFFFF_FFFFL;
    }

    private static int loadSize(Opcode op) {
        return switch (op) {
            case I32_LOAD, F32_LOAD, I64_LOAD32_S, I64_LOAD32_U -> 4;
            case I64_LOAD, F64_LOAD -> 8;
            case I32_LOAD8_S, I32_LOAD8_U, I64_LOAD8_S, I64_LOAD8_U -> 1;
            case I32_LOAD16_S, I32_LOAD16_U, I64_LOAD16_S, I64_LOAD16_U -> 2;
            default -> 0;
        };
    }
}
