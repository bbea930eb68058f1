package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.names.Demangle;
import org.eclipse.lsp4j.debug.Variable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Wasm-level scopes of a stopped frame: its locals, its operand stack, the instance's globals and module facts. */
public final class WasmScopes {
    private WasmScopes() {
    }

    /** Locals by name-section name ({@code $name}) or index ({@code $3}), parameters first. */
    public static VariableContainer locals(DebugFrame frame, Instance instance) {
        return new LocationVariables(() -> {
            Map<String, Location> m = LocationVariables.ordered();
            for (int i = 0; i < frame.localCount(); i++) {
                Location loc = Location.local(frame, i, instance);
                String name = loc.expression();
                m.put(m.containsKey(name) ? "$" + i : name, loc);
            }
            return m;
        }, instance.memory(), false, instance.store());
    }

    /** Operand stack entries, {@code [0]} at the bottom. */
    public static VariableContainer stack(DebugFrame frame, Instance instance) {
        return new LocationVariables(() -> {
            Map<String, Location> m = LocationVariables.ordered();
            for (int i = 0; i < frame.stackHeight(); i++) {
                m.put("[" + i + "]", Location.stack(frame, i));
            }
            return m;
        }, instance.memory(), false, instance.store());
    }

    /** Globals, named by their export name when they have one, else {@code global[i]}. */
    public static VariableContainer globals(Instance instance) {
        return new LocationVariables(() -> {
            WasmModule module = instance.module();
            Map<Integer, String> exported = new HashMap<>();
            for (Export e : module.exports()) {
                if (e.kind() == ExternKind.GLOBAL) {
                    exported.putIfAbsent(e.index(), e.name());
                }
            }
            Map<String, Location> m = LocationVariables.ordered();
            for (int i = 0; i < module.globalTypes().size(); i++) {
                String name = exported.getOrDefault(i, "global[" + i + "]");
                m.put(m.containsKey(name) ? "global[" + i + "]" : name,
                        Location.global(instance.globalAt(i), i, instance));
            }
            return m;
        }, instance.memory(), false, instance.store());
    }

    /** The module scope's entry for memory {@code i} of {@code count}: "memory" when it is the only one. */
    private static String memoryName(int i, int count) {
        return count == 1 ? "memory" : "memory[" + i + "]";
    }

    /**
     * What a registers view would show for a Wasm machine: where the pc is, and the module's sizes. Each memory's
     * entry carries its {@code mem:<index>} reference, so a client can open it in a memory view.
     */
    public static VariableContainer module(Instance instance, DebugFrame frame, String path, boolean hasDwarf) {
        VariableContainer info = moduleFacts(instance, frame, path, hasDwarf);
        int memories = instance.module().memories().size();
        return (refs, hex) -> {
            List<Variable> out = info.children(refs, hex);
            for (Variable v : out) {
                for (int i = 0; i < memories; i++) {
                    if (v.getName().equals(memoryName(i, memories))) {
                        v.setMemoryReference(new MemoryReference(i, 0).toString());
                    }
                }
            }
            return out;
        };
    }

    private static VariableContainer moduleFacts(Instance instance, DebugFrame frame, String path,
                                                 boolean hasDwarf) {
        return new InfoVariables(() -> {
            WasmModule module = instance.module();
            Map<String, String> m = new LinkedHashMap<>();
            if (frame != null) {
                // The bare module offset, as traps print it (the frame's instruction reference adds the module's tag).
                m.put("pc", "0x" + Integer.toHexString(frame.moduleOffset()));
                m.put("function", Demangle.demangle(frame.functionName()) + " (index " + frame.funcIndex() + ")");
            }
            m.put("module", path);
            m.put("functions", module.importedFunctionCount() + " imported, " + module.bodies().size() + " defined");
            int memories = module.memories().size();
            if (memories == 0) {
                m.put("memory", "none");
            }
            for (int i = 0; i < memories; i++) {
                MemoryInstance mem = instance.memoryAt(i);
                m.put(memoryName(i, memories), mem.pages() + " pages (" + mem.byteSize() + " bytes"
                        + (mem.is64() ? ", 64-bit" : "") + ")");
            }
            for (int t = 0; t < module.tables().size(); t++) {
                m.put("table[" + t + "]", instance.tableAt(t).size() + " elements");
            }
            m.put("globals", Integer.toString(module.globalTypes().size()));
            m.put("debug info", hasDwarf ? "DWARF" : "name section only");
            return m;
        });
    }
}
