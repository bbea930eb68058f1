package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
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
 * The DWARF index records C++'s using-directives and using-declarations ({@code DW_TAG_imported_module},
 * {@code DW_TAG_imported_declaration}) by scope: in {@code util::scaled} of {@code examples/shapes.cpp} (its own
 * out-of-line code at -O0, a copy inlined into {@code main} at -O2, whose usings clang leaves in the abstract origin)
 * both are in effect, and nowhere in {@code main}'s own code; the unit's own (from libc++'s headers) everywhere.
 */
class UsingIndexTest {
    private static Path examples() {
        Path p = Path.of("../examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }

    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(examples().resolve("shapes.cpp"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("/* " + marker + " */")) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no marker " + marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm"})
    void theUsingsOfAScopeAreRecordedWhereTheyAppear(String fixture) throws IOException {
        WasmModule module = Wasm.load(Files.readAllBytes(examples().resolve(fixture)));
        SourceMap map = SourceMap.of(module);
        BreakpointResolution scaled = map.resolve("shapes.cpp", line("BP_SCALED"));
        if (scaled.resolved()) {
            for (int offset : scaled.moduleOffsets()) {
                List<String> usings = map.variables().usingsAt(offset);
                String where = fixture + " at 0x" + Integer.toHexString(offset) + ": " + usings;
                // The function's own first, then the unit's (libc++'s <cstddef> says using std::nullptr_t;).
                assertEquals(List.of("tuning", "config::scale"), usings.subList(0, 2), where);
                assertTrue(usings.contains("std::nullptr_t"), where);
            }
        } else {
            assertTrue(fixture.contains("release"), "BP_SCALED resolves at -O0");
        }
        BreakpointResolution main = map.resolve("shapes.cpp", line("BP_MAIN"));
        assertTrue(main.resolved());
        for (int offset : main.moduleOffsets()) {
            List<String> usings = map.variables().usingsAt(offset);
            assertFalse(usings.contains("tuning") || usings.contains("config::scale"), "main has none: " + usings);
            assertTrue(usings.contains("std::nullptr_t"), "the unit's apply in main too: " + usings);
        }
    }
}
