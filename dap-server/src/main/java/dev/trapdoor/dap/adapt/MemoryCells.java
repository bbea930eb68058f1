package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.ValType;

/**
 * The expression language's memory cells: {@code mem32[a]} in memory 0, {@code mem32[1:a]} in memory 1
 * (multi-memory). A 32-bit memory's address is the value's low 32 bits, as a Wasm load takes it; a 64-bit memory's
 * (memory64) is the whole value.
 */
final class MemoryCells {
    private MemoryCells() {
    }

    static Location cell(String word, Instance instance, long memoryIndex, long address) {
        int count = instance.module().memories().size();
        if (count == 0) {
            throw new EvalException("the module has no memory");
        }
        if (memoryIndex < 0 || memoryIndex >= count) {
            throw new EvalException("memory " + memoryIndex + " does not exist (the module has " + count
                    + (count == 1 ? " memory)" : " memories)"));
        }
        MemoryInstance memory = instance.memoryAt((int) memoryIndex);
        long a = memory.is64() ? address : address & 0xFFFF_FFFFL;
        String prefix = memoryIndex == 0 ? word + "[" : word + "[" + memoryIndex + ":";
        return switch (word) {
            case "mem8" -> Location.memory(memory, a, 1, ValType.I32, prefix);
            case "mem16" -> Location.memory(memory, a, 2, ValType.I32, prefix);
            case "mem32" -> Location.memory(memory, a, 4, ValType.I32, prefix);
            case "mem64" -> Location.memory(memory, a, 8, ValType.I64, prefix);
            case "memf32" -> Location.memory(memory, a, 4, ValType.F32, prefix);
            case "memf64" -> Location.memory(memory, a, 8, ValType.F64, prefix);
            default -> throw new EvalException("unknown '" + word + "[...]': use mem8/16/32/64 or memf32/64");
        };
    }
}
