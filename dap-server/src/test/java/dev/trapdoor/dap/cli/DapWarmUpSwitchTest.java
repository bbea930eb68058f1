package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trapdoor dap --port}'s warm-up is on unless {@code --no-warm-up} or the system property turns it off. */
class DapWarmUpSwitchTest {
    private static DapCommand parsed(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        DapCommand dap = new DapCommand(new Console(new ByteArrayInputStream(new byte[0]), sink, sink));
        new CommandLine(dap).parseArgs(args);
        return dap;
    }

    @Test
    void onByDefaultOffWithTheFlagOrTheProperty() {
        assertTrue(parsed("--port", "0").warmUp());
        assertFalse(parsed("--port", "0", "--no-warm-up").warmUp());
        // The line bin/trapdoor sends is parsed without picocli at start-up: the flag must mean the same there.
        assertFalse(((DapCommand) QuickCommandLine.parse(new Console(new ByteArrayInputStream(new byte[0]),
                System.out, System.err), new String[] {"dap", "--port", "0", "--no-warm-up"})).warmUp());
        String before = System.getProperty(DapCommand.WARM_UP_PROPERTY);
        try {
            System.setProperty(DapCommand.WARM_UP_PROPERTY, "false");
            assertFalse(parsed("--port", "0").warmUp());
            System.setProperty(DapCommand.WARM_UP_PROPERTY, "true");
            assertTrue(parsed("--port", "0").warmUp());
        } finally {
            if (before == null) {
                System.clearProperty(DapCommand.WARM_UP_PROPERTY);
            } else {
                System.setProperty(DapCommand.WARM_UP_PROPERTY, before);
            }
        }
    }
}
