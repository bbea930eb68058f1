package dev.trapdoor.engine.spec;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slicing, exclusions, command parsing and root finding of the spec runner. */
class SpecRunnerPartsTest {
    private static WastCommand command(String json) {
        return WastCommand.parse(JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    void parsesCommands() {
        WastCommand c = command("""
                {"type": "assert_return", "line": 7, "action": {"type": "invoke", "module": "$M", "field": "add",
                 "args": [{"type": "i32", "value": "1"}]}, "expected": [{"type": "f32", "value": "nan:canonical"}]}""");
        assertEquals("assert_return", c.type());
        assertEquals(7, c.line());
        assertEquals("$M", c.action().module());
        assertEquals(List.of(new WastValue("i32", "1")), c.action().args());
        assertEquals(List.of(new WastValue("f32", "nan:canonical")), c.expected());
        assertEquals("i32.wast:7 assert_return add", c.displayName("i32.wast"));

        WastCommand trap = command("""
                {"type": "assert_trap", "line": 3, "action": {"type": "invoke", "field": "f", "args": []},
                 "text": "unreachable", "expected": [{"type": "funcref"}]}""");
        assertNull(trap.expected().get(0).value(), "a value-less pattern stays null");

        WastCommand text = command("""
                {"type": "assert_malformed", "line": 9, "filename": "x.1.wat", "text": "unexpected token",
                 "module_type": "text"}""");
        assertTrue(text.isTextModule());
        assertEquals("x.wast:9 assert_malformed (unexpected token)", text.displayName("x.wast"));
        assertFalse(command("""
                {"type": "module", "line": 1, "filename": "x.0.wasm"}""").isTextModule());
    }

    @Test
    void escapesControlCharactersInNames() {
        assertEquals("a\\u{0}b\\u{7f}", WastCommand.printable("a\0b\u007f"));
        assertEquals("héllo", WastCommand.printable("héllo"));
    }

    @Test
    void slicesByFileAndLines() {
        SpecSelection all = SpecSelection.parse(null, null);
        assertTrue(all.includesFile("i32"));
        assertFalse(all.isSliced());

        SpecSelection s = SpecSelection.parse("i32.wast, i64", "100-200");
        assertEquals(Set.of("i32", "i64"), s.files());
        assertFalse(s.includesFile("f32"));
        assertTrue(s.isSliced());
        WastCommand moduleBefore = command("{\"type\": \"module\", \"line\": 3, \"filename\": \"a.wasm\"}");
        WastCommand assertBefore = command("""
                {"type": "assert_return", "line": 50, "action": {"type": "invoke", "field": "f", "args": []}}""");
        WastCommand inside = command("""
                {"type": "assert_return", "line": 150, "action": {"type": "invoke", "field": "f", "args": []}}""");
        WastCommand moduleAfter = command("{\"type\": \"module\", \"line\": 201, \"filename\": \"b.wasm\"}");
        assertTrue(s.runs(moduleBefore), "state the range depends on is still built");
        assertFalse(s.runs(assertBefore));
        assertTrue(s.runs(inside));
        assertFalse(s.runs(moduleAfter));

        assertEquals(150, SpecSelection.parse("x", "150").fromLine());
        assertEquals(150, SpecSelection.parse("x", "150").toLine());
        assertEquals(Integer.MAX_VALUE, SpecSelection.parse("x", "150-").toLine());
        assertThrows(IllegalArgumentException.class, () -> SpecSelection.parse("x", "20-10"));
        assertThrows(IllegalArgumentException.class, () -> SpecSelection.parse("x", "ten"));
    }

    @Test
    void readsExclusions() throws IOException {
        Exclusions ex = Exclusions.parse("""
                # comment
                i32.wast:12   the reason, with spaces

                f32.wast:7 other
                """);
        assertEquals("the reason, with spaces", ex.reason("i32.wast", 12));
        assertNull(ex.reason("i32.wast", 13));
        assertEquals(List.of(12), ex.linesOf("i32.wast"));
        assertEquals(Set.of("f32.wast", "i32.wast"), ex.files());
        assertThrows(IOException.class, () -> Exclusions.parse("i32.wast:12"), "a reason is required");
        assertThrows(IOException.class, () -> Exclusions.parse("i32:12 no extension"));
        assertThrows(IOException.class, () -> Exclusions.parse("a.wast:1 x\na.wast:1 y"), "duplicates");
        Exclusions.load();
    }

    @Test
    void findsTheReactorRoot(@TempDir Path dir) throws IOException {
        Path module = Files.createDirectories(dir.resolve("repo/engine"));
        Files.writeString(dir.resolve("repo/pom.xml"), "<project/>");
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        assertEquals(dir.resolve("repo"), SpecLocator.repositoryRoot(module));
        assertEquals(dir.resolve("repo"), SpecLocator.repositoryRoot(dir.resolve("repo")));
    }
}
