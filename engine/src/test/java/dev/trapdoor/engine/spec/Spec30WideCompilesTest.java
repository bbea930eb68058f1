package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.compile.UnsupportedByCompiler;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;
import dev.trapdoor.engine.validate.WideAccesses;
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
 * Every function of the 3.0 memory64 and multi-memory scripts (and SIMD's multi-memory one) runs compiled, not interpreted, in the compiled
 * configurations: the compiled tier declines none of them, those with wide accesses (a memory other than 0, a 64-bit
 * memory or table) included. The suite's compiled runs would pass either way, since a declined function falls back
 * to the interpreter.
 */
class Spec30WideCompilesTest {
    @ParameterizedTest
    @ValueSource(ints = {7600, 64})
    void noFunctionOfTheMemory64AndMultiMemoryScriptsIsDeclined(int chunkBudget) throws Exception {
        Path dir;
        try {
            dir = SpecLocator.locate().suite30Dir();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            dir = null;
        }
        if (dir == null) {
            System.err.println("*** 3.0 SPEC SUITE NOT FOUND: Spec30WideCompilesTest skipped");
            Assumptions.abort("no ../shared/wasm-testsuite-3.0");
        }
        List<Path> scripts = new ArrayList<>();
        for (String folder : List.of("core/memory64", "core/multi-memory")) {
            try (Stream<Path> files = Files.list(dir.resolve(folder))) {
                files.filter(p -> p.toString().endsWith(".wast")).sorted().forEach(scripts::add);
            }
        }
        // SIMD loads and stores on memories other than 0.
        scripts.add(dir.resolve("core/simd/simd_memory-multi.wast"));
        int compiled = 0;
        int wide = 0;
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
                        JvmCompiler.compile(ctx, f, chunkBudget, "dev/trapdoor/engine/exec/Jit$W", false, true);
                        compiled++;
                        if (WideAccesses.possible(m) && WideAccesses.in(ctx, f)) {
                            wide++;
                        }
                    } catch (UnsupportedByCompiler e) {
                        declined.add(script + " line " + c.line() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), declined);
        // Hundreds of their functions touch a memory other than 0 or a 64-bit memory or table.
        assertTrue(wide > 300, "only " + wide + " functions with wide accesses");
        System.out.println("Spec30WideCompilesTest: " + compiled + " functions of the memory64 and multi-memory scripts ("
                + wide + " with wide accesses) compiled at a " + chunkBudget + "-byte budget, none declined");
    }
}
