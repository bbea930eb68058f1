package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged variable and type info degrades to fewer or unavailable values with a warning, never to an exception. */
class DamagedVariablesTest {
    static WasmModule load(String name) {
        try (InputStream in = DamagedVariablesTest.class.getResourceAsStream("/vars/" + name)) {
            return Wasm.load(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the variables API says at the middle of every function, rendered; exercises every public path. */
    static String answers(WasmModule module) {
        SourceVariables vars = SourceMap.of(module).variables();
        StringBuilder out = new StringBuilder();
        FakeMachineState state = new FakeMachineState(1 << 16);
        for (FunctionBody body : module.bodies()) {
            int offset = (body.bodyOffset() + body.endOffset()) / 2;
            for (VariableScope scope : vars.scopesAt(offset)) {
                out.append(scope.kind()).append(' ').append(scope.name()).append('\n');
                for (Variable v : scope.variables()) {
                    out.append(render(vars.read(v, state)));
                }
            }
            for (Variable v : vars.globals(offset)) {
                out.append(render(vars.read(v, state)));
            }
            try {
                out.append(vars.evaluator().evaluate("g_nodes[1].value + p.x", offset, state).display());
            } catch (EvaluationException expected) {
                out.append(expected.getMessage());
            }
        }
        return out.toString();
    }

    private static String render(Value v) {
        StringBuilder out = new StringBuilder(v.toString()).append('\n');
        for (Value child : v.children(0, 3)) {
            out.append("  ").append(child).append(child.address()).append(child.memoryReference()).append('\n');
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vars-O0.wasm", "vars-O2.wasm", "vars-O2-dwarf5.wasm"})
    void randomCorruptionNeverThrows(String fixture) {
        WasmModule module = load(fixture);
        String intact = answers(module);
        assertTrue(intact.contains("FUNCTION inspect"), intact);
        List<CustomSection> dwarf = module.customSections().stream()
                .filter(s -> List.of(".debug_info", ".debug_abbrev", ".debug_loc", ".debug_loclists", ".debug_str")
                        .contains(s.name())).toList();
        Random random = new Random(fixture.hashCode());
        int changed = 0;
        for (int round = 0; round < 150; round++) {
            byte[] bytes = module.bytes().clone();
            for (int f = 0; f < 1 + random.nextInt(4); f++) {
                CustomSection s = dwarf.get(random.nextInt(dwarf.size()));
                bytes[s.payloadOffset() + random.nextInt(s.payloadLength())] = (byte) random.nextInt(256);
            }
            WasmModule damaged = Fixtures.withBytes(module, bytes);
            String answers = answers(damaged);
            changed += answers.equals(intact) ? 0 : 1;
            for (String w : SourceMap.of(damaged).warnings()) {
                assertFalse(w.contains("java.lang."), "round " + round + ": " + w);
            }
        }
        assertTrue(changed > 0, "some corruption must change the answers");
    }

    @Test
    void aWholeDebugInfoOfGarbageGivesNoScopesAndAWarning() {
        WasmModule module = load("vars-O0.wasm");
        byte[] bytes = module.bytes().clone();
        for (CustomSection s : module.customSections()) {
            if (s.name().equals(".debug_info")) {
                for (int i = 0; i < s.payloadLength(); i++) {
                    bytes[s.payloadOffset() + i] = (byte) 0xff;
                }
            }
        }
        WasmModule broken = Fixtures.withBytes(module, bytes);
        SourceMap map = SourceMap.of(broken);
        int inspect = broken.bodies().get(1).bodyOffset();
        assertEquals(List.of(), map.variables().scopesAt(inspect));
        assertEquals(List.of(), map.variables().globals(inspect));
        assertTrue(map.warning().orElseThrow().contains("debug info"), map.warning().toString());
    }

    @Test
    void truncatedLocationListsMakeValuesUnavailable() {
        WasmModule module = load("vars-O2.wasm");
        CustomSection loc = module.customSections().stream().filter(s -> s.name().equals(".debug_loc")).findFirst()
                .orElseThrow();
        List<CustomSection> sections = module.customSections().stream()
                .map(s -> s == loc ? new CustomSection(s.name(), s.sectionOffset(), s.payloadOffset(), 10) : s)
                .toList();
        WasmModule cut = Fixtures.withCustomSections(module, sections);
        String answers = answers(cut);
        assertTrue(answers.contains("<damaged debug info>") || answers.contains("<not available"), answers);
        assertFalse(SourceMap.of(cut).warnings().stream().anyMatch(w -> w.contains("java.lang.")));
    }
}
