package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where source breakpoints may not go: into another function when the requested line's function has no code (the
 * linker dropped it), and anywhere when the line tables are empty (wasm-opt after linking), each with its reason.
 */
class BreakpointPlacementTest {
    private static Path examples() {
        Path p = Path.of("../examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }

    private static int marker(String marker) throws IOException {
        List<String> lines = Files.readAllLines(examples().resolve("shapes.cpp"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("/* " + marker + " */")) {
                return i + 1;
            }
        }
        throw new IllegalStateException(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm"})
    void aLineOfAFunctionTheLinkerDroppedDoesNotMoveIntoTheNextFunction(String fixture) throws IOException {
        WasmModule module = Wasm.load(Files.readAllBytes(examples().resolve(fixture)));
        SourceMap map = SourceMap.of(module);
        int line = marker("BP_UNUSED");
        BreakpointResolution r = map.resolve("shapes.cpp", line);
        assertFalse(r.resolved(), fixture + ": placed at line " + r.line());
        assertTrue(r.reason().contains("another function"), r.reason());
        // A line with code in a function that is there resolves where it is.
        BreakpointResolution join = map.resolve("shapes.cpp", marker("BP_JOIN"));
        assertTrue(join.resolved() && join.reason() == null, fixture);
        // Lines of the functions after the dropped one still resolve (optimized code may move them within main).
        BreakpointResolution body = map.resolve("shapes.cpp", marker("BP_MAIN"));
        assertTrue(body.resolved(), fixture);
        if (fixture.contains("debug")) {
            assertEquals(marker("BP_MAIN"), body.line());
        }
    }

    @Test
    void emptyLineTablesAreExplained() {
        SourceMap emptied = SourceMap.of(Fixtures.load("tiny-wasmopt.wasm"));
        assertTrue(emptied.hasDwarf());
        String warning = emptied.lineTableWarning().orElseThrow();
        assertTrue(warning.contains("line tables are empty") && warning.contains("wasm-opt"), warning);
        BreakpointResolution r = emptied.resolve("tiny.c", 3);
        assertFalse(r.resolved());
        assertEquals(warning, r.reason());

        SourceMap intact = SourceMap.of(Fixtures.load("tiny-O2-dwarf4.wasm"));
        assertTrue(intact.lineTableWarning().isEmpty());
    }

    /**
     * One location per function and per inlined copy for every line of the examples: a line split into several runs
     * of rows (other lines' code, line-0 code, inlined calls in between) must not stop once per run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm", "inventory-release.wasm"})
    void everyLineBreaksOncePerFunctionOrInlinedCopy(String fixture) throws IOException {
        WasmModule module = Wasm.load(Files.readAllBytes(examples().resolve(fixture)));
        SourceMap map = SourceMap.of(module);
        String source = fixture.startsWith("shapes") ? "shapes.cpp" : "inventory.rs";
        int lines = Files.readAllLines(examples().resolve(source)).size();
        int inlinedCopies = 0;
        for (int line = 1; line <= lines; line++) {
            BreakpointResolution r = map.resolve(source, line);
            java.util.Set<List<SourceFrame>> places = new java.util.HashSet<>();
            for (int offset : r.moduleOffsets()) {
                List<SourceFrame> chain = map.inlinedChain(offset);
                // The function and every call site it was inlined through: equal for two runs of one copy.
                List<SourceFrame> identity = chain.stream().skip(1)
                        .map(f -> new SourceFrame(f.function(), f.file(), f.line(), f.column(), f.inlined()))
                        .collect(java.util.stream.Collectors.toList());
                identity.add(0, new SourceFrame(chain.get(0).function(), null, body(module, offset), 0,
                        chain.get(0).inlined())); // the Wasm function: C++ has several destructors of one name
                assertTrue(places.add(identity), fixture + ": line " + line + " breaks twice in " + identity);
            }
            inlinedCopies += places.size() > 1 ? 1 : 0;
        }
        if (fixture.contains("release")) {
            assertTrue(inlinedCopies > 0, fixture + ": some line is inlined in several places and breaks in each");
        }
    }

    private static int body(WasmModule module, int moduleOffset) {
        for (int i = 0; i < module.bodies().size(); i++) {
            if (moduleOffset >= module.bodies().get(i).entryOffset()
                    && moduleOffset < module.bodies().get(i).endOffset()) {
                return i;
            }
        }
        return -1;
    }
}
