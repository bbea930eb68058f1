package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes a coredump of one instance at a trap, from the frames the debugger shows there (the trap event fires before
 * any frame is popped, so every frame's locals and operand stack are still in place). The frames must belong to
 * {@code instance}; memories and globals are the instance's own and imported ones, in index order.
 */
public final class CoredumpCapture {
    private CoredumpCapture() {
    }

    /**
     * @param processName what the {@code core} section names (the program's file name)
     * @param trap        the trap event, or {@code null} when the dump is not for a trap
     */
    public static Coredump capture(String processName, Instance instance, DebugEvent.Trap trap,
                                   List<DebugFrame> frames) {
        WasmModule module = instance.module();
        List<CoreFrame> coreFrames = new ArrayList<>();
        for (DebugFrame f : frames) {
            coreFrames.add(frame(module, f));
        }
        List<CoreMemory> memories = new ArrayList<>();
        List<Integer> memoryIndices = new ArrayList<>();
        for (int i = 0; i < module.memories().size(); i++) {
            MemoryInstance m = instance.memoryAt(i);
            memoryIndices.add(i);
            MemoryType type = m.type();
            memories.add(new CoreMemory(m.pages(), type.limits().max() == Limits.NO_MAX ? CoreMemory.NO_MAX
                    : type.limits().max(), m.read(0, m.byteSize())));
        }
        List<CoreGlobal> globals = new ArrayList<>();
        List<Integer> globalIndices = new ArrayList<>();
        for (int i = 0; i < module.globalTypes().size(); i++) {
            GlobalInstance g = instance.globalAt(i);
            globalIndices.add(i);
            ValType type = g.type().type();
            globals.add(new CoreGlobal(type, g.type().mutable(), type.isRef() ? -1 : g.get(), g.high()));
        }
        CoreTrap coreTrap = trap == null ? null : new CoreTrap(trap.kind().name(), trap.detail().describe());
        return new Coredump(processName, List.of(processName), List.of(new CoreInstance(0, memoryIndices,
                globalIndices)), "main", coreFrames, memories, globals, coreTrap);
    }

    private static CoreFrame frame(WasmModule module, DebugFrame f) {
        List<CoreValue> locals = new ArrayList<>();
        for (int i = 0; i < f.localCount(); i++) {
            locals.add(CoreValue.of(f.localType(i), f.local(i)));
        }
        List<CoreValue> stack = new ArrayList<>();
        for (int i = 0; i < f.stackHeight(); i++) {
            stack.add(CoreValue.of(f.stackType(i), f.stack(i)));
        }
        return new CoreFrame(0, f.funcIndex(), CoreOffsets.codeOffset(module, f.funcIndex(), f.moduleOffset()),
                locals, stack);
    }
}
