package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trapdoor run --max-memory}: grows stop at the budget with -1; a module that starts past it does not run. */
class RunMaxMemoryTest {
    /** Grows one page at a time until memory.grow fails; returns the size reached, in pages. */
    private static final String GREEDY = """
            (module
              (memory 1)
              (func (export "grab") (result i32)
                (block $full
                  (loop $more
                    (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                    (i32.store (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (i32.const 7))
                    (br $more)))
                (memory.size)))
            """;

    @TempDir
    Path tmp;

    private String write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void growsStopAtTheBudget() throws IOException {
        String program = write("greedy.wat", GREEDY);
        Captured c = Captured.run("run", "--max-memory", "1M", "--invoke", "grab", program);
        assertEquals(0, c.status(), c.err());
        assertEquals("16\n", c.out(), "1 MiB is 16 pages");
        Captured k = Captured.run("run", "--max-memory", "327680", "--tier", "compiled", "--invoke", "grab",
                program);
        assertEquals("5\n", k.out(), k.err());
    }

    @Test
    void aModuleWhoseMemoryDoesNotFitIsNotRun() throws IOException {
        String program = write("big.wat", "(module (memory 32) (func (export \"_start\")))");
        Captured c = Captured.run("run", "--max-memory", "1M", program);
        assertEquals(ExitCodes.BAD_INPUT, c.status(), c.err());
        assertTrue(c.err().contains("2097152 bytes (32 pages)"), c.err());
        assertTrue(c.err().contains("memory limit of 1048576 bytes"), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.clean(), c.err());
        assertEquals(0, Captured.run("run", "--max-memory", "2M", program).status());
    }

    @Test
    void aSizeThatIsNotOneIsAUsageError() throws IOException {
        String program = write("greedy.wat", GREEDY);
        Captured c = Captured.run("run", "--max-memory", "12X", "--invoke", "grab", program);
        assertEquals(ExitCodes.USAGE, c.status(), c.err());
        assertTrue(c.err().contains("unknown unit 'x'"), c.err());
        assertTrue(c.clean(), c.err());
    }
}
