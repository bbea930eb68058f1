package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.validate.WideAccesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function of the 3.0 memory64 and multi-memory scripts (and SIMD's multi-memory one) runs compiled, not interpreted, in the compiled
 * configurations: the compiled tier declines none of them, those with wide accesses (a memory other than 0, a 64-bit
 * memory or table) included. The suite's compiled runs would pass either way, since a declined function falls back
 * to the interpreter.
 */
class Spec30WideCompilesTest {
    @ParameterizedTest
    @ValueSource(ints = {7600, 64})
    void noFunctionOfTheMemory64AndMultiMemoryScriptsIsDeclined(int chunkBudget) throws Exception {
        Path dir = ScriptCompilation.suite30("Spec30WideCompilesTest");
        List<Path> scripts = new ArrayList<>(ScriptCompilation.folder(dir, "core/memory64"));
        scripts.addAll(ScriptCompilation.folder(dir, "core/multi-memory"));
        // SIMD loads and stores on memories other than 0.
        scripts.add(dir.resolve("core/simd/simd_memory-multi.wast"));
        int[] wide = {0};
        var outcome = ScriptCompilation.compileAll(dir, scripts, chunkBudget, (m, ctx, f) -> {
            if (WideAccesses.possible(m) && WideAccesses.in(ctx, f)) {
                wide[0]++;
            }
        });
        List<String> declined = outcome.declined();
        int compiled = outcome.compiled();
        assertEquals(List.of(), declined);
        // Hundreds of their functions touch a memory other than 0 or a 64-bit memory or table.
        assertTrue(wide[0] > 300, "only " + wide[0] + " functions with wide accesses");
        System.out.println("Spec30WideCompilesTest: " + compiled + " functions of the memory64 and multi-memory scripts ("
                + wide[0] + " with wide accesses) compiled at a " + chunkBudget + "-byte budget, none declined");
    }
}
