package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.compile.UnsupportedByCompiler;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 3.0 scripts of tail calls, exception handling and typed function references run compiled, not interpreted in
 * the compiled configurations: the compiled tier declines none of their functions for a tail call, a throw, a
 * handler, an {@code exnref}, a {@code call_ref} or a null test
 * (the suite's compiled runs would pass either way, since a declined function falls back to the interpreter).
 */
class Spec30CompilesTest {
    private static final List<String> SCRIPTS = List.of("core/return_call", "core/return_call_indirect",
            "core/return_call_ref", "core/call_ref", "core/br_on_null", "core/br_on_non_null", "core/ref_as_non_null",
            "core/local_init", "core/exceptions/throw", "core/exceptions/throw_ref", "core/exceptions/try_table",
            "core/exceptions/tag", "legacy/exceptions/core/rethrow", "legacy/exceptions/core/throw",
            "legacy/exceptions/core/try_catch", "legacy/exceptions/core/try_delegate");

    @ParameterizedTest
    @ValueSource(ints = {7600, 64})
    void noFunctionOfTheseScriptsIsDeclined(int chunkBudget) throws Exception {
        Path dir;
        try {
            dir = SpecLocator.locate().suite30Dir();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            dir = null;
        }
        if (dir == null) {
            System.err.println("*** 3.0 SPEC SUITE NOT FOUND: Spec30CompilesTest skipped");
            Assumptions.abort("no ../shared/wasm-testsuite-3.0");
        }
        int compiled = 0;
        List<String> declined = new ArrayList<>();
        for (String script : SCRIPTS) {
            Path wast = dir.resolve(script + ".wast");
            if (!Files.exists(wast)) {
                declined.add(script + ": missing");
                continue;
            }
            for (WastCommand c : WastReader.read(wast, script)) {
                if (!"module".equals(c.type()) || c.module() == null) {
                    continue;
                }
                WasmModule m = Wasm.load(c.module().bytes());
                ModuleContext ctx = new ModuleContext(m);
                for (int f = m.importedFunctionCount(); f < m.functionCount(); f++) {
                    try {
                        JvmCompiler.compile(ctx, f, chunkBudget, "dev/trapdoor/engine/exec/Jit$S", false, true);
                        compiled++;
                    } catch (UnsupportedByCompiler e) {
                        declined.add(script + " line " + c.line() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), declined);
        // The scripts define a few hundred functions between them.
        assertTrue(compiled > 200, "compiled only " + compiled + " functions");
        System.out.println("Spec30CompilesTest: " + compiled + " functions of the tail-call, exception and typed-reference scripts"
                + " compiled at a " + chunkBudget + "-byte budget, none declined");
    }
}
