package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.validate.GcRefUses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function of the 3.0 GC scripts (and of {@code type-rec}) runs compiled, not interpreted, in the compiled
 * configurations: the compiled tier declines none of them, neither for a GC instruction nor for holding a GC
 * reference. The suite's compiled runs would pass either way, since a declined function falls back to the
 * interpreter.
 */
class Spec30GcCompilesTest {
    @ParameterizedTest
    @ValueSource(ints = {7600, 64})
    void noFunctionOfTheGcScriptsIsDeclined(int chunkBudget) throws Exception {
        Path dir = ScriptCompilation.suite30("Spec30GcCompilesTest");
        List<Path> scripts = new ArrayList<>(ScriptCompilation.folder(dir, "core/gc"));
        scripts.add(dir.resolve("core/type-rec.wast"));
        int[] holding = {0};
        var outcome = ScriptCompilation.compileAll(dir, scripts, chunkBudget, (m, ctx, f) -> {
            if (GcRefUses.mayHold(m, f)) {
                holding[0]++;
            }
        });
        List<String> declined = outcome.declined();
        int compiled = outcome.compiled();
        assertEquals(List.of(), declined);
        // The scripts define several hundred functions, nearly all of which may hold a GC reference.
        assertTrue(holding[0] > 200, "only " + holding[0] + " functions that may hold GC references");
        System.out.println("Spec30GcCompilesTest: " + compiled + " functions of the GC scripts (" + holding[0]
                + " that may hold GC references) compiled at a " + chunkBudget + "-byte budget, none declined");
    }
}
