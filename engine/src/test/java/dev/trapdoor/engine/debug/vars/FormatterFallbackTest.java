package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.dwarf.Value;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A formatter falls back to the raw struct when the layout does not match: {@code src/test/c/vars/lookalikes.cpp}
 * declares {@code std::vector}, {@code std::unique_ptr}, {@code alloc::string::String} and
 * {@code alloc::vec::Vec} with members of its own, which the libc++ and Rust formatters are chosen for by name.
 */
class FormatterFallbackTest {
    private static int line(String marker) throws IOException {
        Path source = Path.of("src/test/c/vars/lookalikes.cpp");
        if (!Files.exists(source)) {
            source = Path.of("engine/src/test/c/vars/lookalikes.cpp");
        }
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("/* " + marker + " */")) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no marker " + marker);
    }

    @Test
    void aLookAlikeOfALibraryTypeShowsAsItsRawStruct() throws IOException {
        VarsProgram p = new VarsProgram("lookalikes.wasm");
        BreakpointResolution r = p.map.resolve("lookalikes.cpp", line("BP_LOOKALIKES"));
        assertTrue(r.resolved(), r.toString());
        for (int offset : r.moduleOffsets()) {
            p.debugger.addBreakpoint(p.instance, offset);
        }
        long result = p.run("lookalikes", stop -> {
            Value v = stop.value("v");
            assertEquals("std::vector<int>", v.typeName());
            raw(v, List.of("first", "count"));
            assertEquals("2", v.children().get(1).display());
            raw(stop.value("u"), List.of("cookie"));
            assertEquals("{cookie=42}", stop.value("u").display());
            raw(stop.value("s"), List.of("tag"));
            assertEquals("{tag=7}", stop.value("s").display());
            raw(stop.value("w"), List.of("data"));
        }, 5);
        assertEquals(2 + 42 + 7 + 6, result);
    }

    private static void raw(Value v, List<String> members) {
        assertFalse(v.isFormatted(), v.name() + " = " + v.display());
        assertEquals(members, v.children().stream().map(Value::name).toList(), v.name() + ": no [raw] child either");
        assertTrue(v.unavailable().isEmpty());
    }
}
