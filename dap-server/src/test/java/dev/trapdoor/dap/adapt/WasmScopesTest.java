package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.text.Wat;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Module scope of a multi-memory module: each memory, its size and address width, and its reference. */
class WasmScopesTest {
    /** Local helper: the value of the variable of that name. */
    private static final class DapVariables {
        static String value(List<Variable> vars, String name) {
            return vars.stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow().getValue();
        }
    }

    @Test
    void theModuleScopeListsEachMemoryWithItsReference() {
        byte[] wasm = Wat.compile("two.wat", "(module (memory 1) (memory i64 2 3))").binary();
        Instance instance = new Store().instantiate(Wasm.load(wasm), ImportResolver.NONE);
        List<Variable> vars = WasmScopes.module(instance, null, "two.wasm", false).children(new VariableRefs(), false);
        List<Variable> memories = vars.stream().filter(v -> v.getName().startsWith("memory")).toList();
        assertEquals(List.of("memory[0]", "memory[1]"), memories.stream().map(Variable::getName).toList());
        assertEquals("1 pages (65536 bytes)", memories.get(0).getValue());
        assertEquals("2 pages (131072 bytes, 64-bit)", memories.get(1).getValue());
        assertEquals(List.of("mem:0", "mem:1"), memories.stream().map(Variable::getMemoryReference).toList());
        assertEquals("two.wasm", DapVariables.value(vars, "module"), "the other facts are still there");
    }
}
