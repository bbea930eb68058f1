package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trapdoor run prog.wat}: text programs run like binary ones, and report text positions. */
class RunWatTest {
    private static final String HELLO = """
            (module
              (import "wasi_snapshot_preview1" "fd_write"
                (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello from text\\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 16))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """;

    private static final String CRASH = """
            (module
              (func $inner
                unreachable)
              (func (export "_start")
                call $inner))
            """;

    @TempDir
    Path tmp;

    private String write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void runsATextProgram() throws IOException {
        Captured c = Captured.run("run", write("hello.wat", HELLO));
        assertEquals(0, c.status(), c.err());
        assertEquals("hello from text\n", c.out());
    }

    @Test
    void trapReportNamesTextLines() throws IOException {
        String program = write("crash.wat", CRASH);
        Captured c = Captured.run("run", program);
        assertEquals(ExitCodes.TRAP, c.status(), c.err());
        assertTrue(c.err().contains("crash.wat:3:5"), c.err());
        assertTrue(c.err().contains("crash.wat:5:5"), c.err());
    }

    @Test
    void syntaxErrorIsOneLineWithItsPosition() throws IOException {
        String program = write("bad.wat", "(module\n  (func (i32.const)))\n");
        Captured c = Captured.run("run", program);
        assertEquals(ExitCodes.BAD_INPUT, c.status());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().contains("bad.wat:2:"), c.err());
        assertTrue(c.err().contains("expected an i32 literal"), c.err());
    }
}
