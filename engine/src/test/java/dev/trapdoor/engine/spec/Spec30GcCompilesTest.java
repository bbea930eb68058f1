package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.compile.UnsupportedByCompiler;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.GcRefUses;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
        Path dir;
        try {
            dir = SpecLocator.locate().suite30Dir();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            dir = null;
        }
        if (dir == null) {
            System.err.println("*** 3.0 SPEC SUITE NOT FOUND: Spec30GcCompilesTest skipped");
            Assumptions.abort("no ../shared/wasm-testsuite-3.0");
        }
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("core/gc"))) {
            files.filter(p -> p.toString().endsWith(".wast")).sorted().forEach(scripts::add);
        }
        scripts.add(dir.resolve("core/type-rec.wast"));
        int compiled = 0;
        int holding = 0;
        List<String> declined = new ArrayList<>();
        for (Path wast : scripts) {
            String script = dir.relativize(wast).toString();
            for (WastCommand c : WastReader.read(wast, script)) {
                if (!"module".equals(c.type()) || c.module() == null) {
                    continue;
                }
                WasmModule m = Wasm.load(c.module().bytes());
                ModuleContext ctx = new ModuleContext(m);
                for (int f = m.importedFunctionCount(); f < m.functionCount(); f++) {
                    try {
                        JvmCompiler.compile(ctx, f, chunkBudget, "dev/trapdoor/engine/exec/Jit$G", false, true);
                        compiled++;
                        if (GcRefUses.mayHold(m, f)) {
                            holding++;
                        }
                    } catch (UnsupportedByCompiler e) {
                        declined.add(script + " line " + c.line() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), declined);
        // The scripts define several hundred functions, nearly all of which may hold a GC reference.
        assertTrue(holding > 200, "only " + holding + " functions that may hold GC references");
        System.out.println("Spec30GcCompilesTest: " + compiled + " functions of the GC scripts (" + holding
                + " that may hold GC references) compiled at a " + chunkBudget + "-byte budget, none declined");
    }
}
