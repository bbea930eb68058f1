package dev.trapdoor.dap.warm;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerWarmUpTest {
    @TempDir
    Path tmp;

    /**
     * The sessions run to their end through the real request path (a step is only counted once its stopped event has
     * come), the first over TCP and the others in memory, and leave no file, no output and no log record above FINE
     * behind.
     */
    @Test
    void sessionsStepThroughTheProgramAndLeaveNothingBehind() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() > Level.FINE.intValue()) {
                    logged.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ServerWarmUp.Report r;
        try {
            System.setOut(new PrintStream(printed, true));
            System.setErr(new PrintStream(printed, true));
            r = ServerWarmUp.run(tmp, new DwarfVariablesProvider(), new ServerWarmUp.Plan(3, 2, 12, 1,
                    Duration.ofSeconds(60)));
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(handler);
        }
        assertEquals(3, r.sessions());
        assertEquals(36, r.steps());
        assertTrue(r.wallNanos() > 0);
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
        assertEquals("", printed.toString());
        assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
    }

    @ParameterizedTest(name = "{0} session(s) over TCP")
    @ValueSource(ints = {0, 1})
    void aWarmUpThatCannotFinishFailsWithinItsTimeout(int tcpSessions) {
        // No time at all: the first answer is already late; the scratch directory goes all the same.
        assertThrows(WarmUpFailed.class, () -> ServerWarmUp.run(tmp, new DwarfVariablesProvider(),
                new ServerWarmUp.Plan(1, 1, 5, tcpSessions, Duration.ZERO)));
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * With the argument the warm-up gives it, the program's steps leave sum for main (where main's {@code total} is read
     * from the Wasm operand stack, and its printf stepped over) and come back to sum's breakpoint; without it, as
     * before, they stay in sum's long loop.
     */
    @ParameterizedTest(name = "returns into main: {0}")
    @ValueSource(booleans = {true, false})
    void theStepsReturnIntoMainOnlyWithTheArgument(boolean returns) throws Exception {
        Path program = tmp.resolve("warmup.wasm");
        try (InputStream in = ServerWarmUp.class.getResourceAsStream("warmup.wasm")) {
            Files.copy(in, program);
        }
        Set<String> tops = new TreeSet<>();
        PrintStream out = System.out;
        int steps;
        try (WarmUpClient c = new WarmUpClient(new MemoryLink(tmp, new DwarfVariablesProvider(),
                System.nanoTime() + Duration.ofSeconds(60).toNanos()))) {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
            steps = WarmUpSession.run(c, program, 40, returns, tops);
        } finally {
            System.setOut(out);
        }
        assertEquals(40, steps);
        assertEquals(returns ? Set.of("main", "sum") : Set.of("sum"), tops);
    }
}
