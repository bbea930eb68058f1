package dev.trapdoor.dap.source;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopesAtPcTest {
    private static SourceMap debugme() throws Exception {
        return SourceMap.of(Wasm.load(Files.readAllBytes(Path.of("../examples/debugme.wasm"))));
    }

    /** Scope kinds and names with their variables' names and types (Variable has no value equality). */
    private static List<String> describe(List<VariableScope> scopes) {
        return scopes.stream().map(s -> s.kind() + " " + s.name() + " " + s.variables().stream()
                .map(v -> v.typeName() + " " + v.name()).toList()).toList();
    }

    @Test
    void eachPcIsAnsweredAsTheDwarfAnswersItAndOnlyOnce() throws Exception {
        SourceMap map = debugme();
        BreakpointResolution r = map.resolve("debugme.c", 23);
        assertTrue(r.resolved(), r.toString());
        int pc = r.moduleOffsets().get(0);
        SourceVariables vars = map.variables();

        List<VariableScope> scopes = ScopesAtPc.scopes(vars, pc);
        assertFalse(scopes.isEmpty(), "sum's loop has locals");
        assertEquals(describe(vars.scopesAt(pc)), describe(scopes));
        assertEquals(vars.globals(pc).stream().map(Variable::name).toList(),
                ScopesAtPc.globals(vars, pc).stream().map(Variable::name).toList());
        assertSame(scopes, ScopesAtPc.scopes(vars, pc), "the second stop at the pc recomputed its scopes");
        assertNotSame(vars.scopesAt(pc), scopes, "SourceVariables itself does not keep them (else this cache is moot)");
    }

    @Test
    void anotherProgramHasItsOwnTable() throws Exception {
        SourceMap a = debugme();
        SourceMap b = debugme();
        int pc = a.resolve("debugme.c", 23).moduleOffsets().get(0);
        List<VariableScope> fromA = ScopesAtPc.scopes(a.variables(), pc);
        List<VariableScope> fromB = ScopesAtPc.scopes(b.variables(), pc);
        assertEquals(describe(fromA), describe(fromB));
        assertNotSame(fromA, fromB);
    }
}
