package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trapdoor run examples/gc.wat}: a WebAssembly GC program in the text format (a linked list, a binary tree)
 * runs, and its cast failure is reported with the expected type and what the value was.
 */
class RunGcTest {
    static final Path PROGRAM = Path.of("..", "examples", "gc.wat");

    @Test
    void runsTheGcExampleAndReportsItsCastFailure() {
        Captured c = Captured.run("run", PROGRAM.toString());
        assertEquals("55\n15\n", c.out(), c.err());
        assertEquals(ExitCodes.TRAP, c.status(), c.err());
        assertTrue(c.err().contains("cast failure"), c.err());
        assertTrue(c.err().contains("expected (ref $tree), got struct $node"), c.err());
        assertTrue(c.err().contains("gc.wat:65:"), "the trap's text position: " + c.err());
    }
}
