package dev.trapdoor.engine.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
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
        Path dir = ScriptCompilation.suite30("Spec30CompilesTest");
        var outcome = ScriptCompilation.compileAll(dir,
                SCRIPTS.stream().map(script -> dir.resolve(script + ".wast")).toList(), chunkBudget, (m, ctx, f) -> {
                });
        List<String> declined = outcome.declined();
        int compiled = outcome.compiled();
        assertEquals(List.of(), declined);
        // The scripts define a few hundred functions between them.
        assertTrue(compiled > 200, "compiled only " + compiled + " functions");
        System.out.println("Spec30CompilesTest: " + compiled + " functions of the tail-call, exception and typed-reference scripts"
                + " compiled at a " + chunkBudget + "-byte budget, none declined");
    }
}
