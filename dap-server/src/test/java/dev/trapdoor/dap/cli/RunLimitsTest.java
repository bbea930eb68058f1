package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trapdoor run --time-limit} and {@code --max-table-elements}, and programs that are no regular file. */
class RunLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void anEndlessLoopEndsAtTheTimeLimitWithATrapReport() throws Exception {
        Path spin = Files.writeString(tmp.resolve("spin.wat"),
                "(module (func $spin (loop $l (br $l))) (func (export \"_start\") (call $spin)))");
        long start = System.nanoTime();
        Captured c = Captured.run("run", "--tier", "interpreter", "--time-limit", "0.3", spin.toString());
        assertEquals(ExitCodes.TRAP, c.status(), c.err());
        assertTrue(c.err().contains("time limit exceeded") && c.err().contains("300 ms"), c.err());
        assertTrue(c.err().contains(" in spin"), c.err());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void aTableOverTheLimitIsRefusedWithItsSize() throws Exception {
        Path big = Files.writeString(tmp.resolve("big.wat"), "(module (table 5000 funcref) (func (export \"_start\")))");
        Captured c = Captured.run("run", "--max-table-elements", "1000", big.toString());
        assertEquals(ExitCodes.BAD_INPUT, c.status(), c.err());
        assertTrue(c.err().contains("a table of 5000 elements is over the host's limit of 1000"), c.err());
        assertEquals(0, Captured.run("run", big.toString()).status(), "under the default limit");
    }

    @Test
    void badLimitsAreUsageErrors() {
        for (String[] bad : new String[][]{{"--time-limit", "-1"}, {"--time-limit", "0"},
                {"--max-table-elements", "-5"}}) {
            Captured c = Captured.run("run", bad[0], bad[1], "../examples/fib.wasm");
            assertEquals(ExitCodes.USAGE, c.status(), String.join(" ", bad) + ": " + c.err());
            assertTrue(c.err().contains(bad[0]), c.err());
        }
    }

    @Test
    void aProgramThatIsNoRegularFileIsRefusedAtOnce() {
        Captured c = Captured.run("run", "/dev/zero");
        assertEquals(ExitCodes.BAD_INPUT, c.status(), c.err());
        assertTrue(c.err().contains("/dev/zero: cannot read: not a regular file"), c.err());
    }
}
