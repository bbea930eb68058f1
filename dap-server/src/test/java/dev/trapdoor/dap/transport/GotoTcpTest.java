package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.GotoArguments;
import org.eclipse.lsp4j.debug.GotoTarget;
import org.eclipse.lsp4j.debug.GotoTargetsArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DAP {@code gotoTargets} and {@code goto} (set next statement) on {@code src/test/c/replay/replay.c}: from the
 * {@code printf} line back to an earlier statement of {@code main}, which then runs again; a line inside the loop
 * (another block) is refused with the reason.
 */
class GotoTcpTest extends TcpServerTest {
    private static final Path PROGRAM = Path.of("src/test/resources/replay/replay.wasm").toAbsolutePath();
    private static final Path SOURCE = Path.of("src/test/c/replay/replay.c").toAbsolutePath();

    @Test
    void theNextStatementMovesWithinItsBlockOnly() throws Exception {
        Files.writeString(tmp.resolve("input.txt"), "goto");
        try (DapTestClient c = new DapTestClient(server)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            init.setLinesStartAt1(true);
            assertTrue(c.server.initialize(init).get(30, TimeUnit.SECONDS).getSupportsGotoTargetsRequest());
            c.initialized.get(30, TimeUnit.SECONDS);
            c.server.launch(new HashMap<>(Map.of("program", PROGRAM.toString(), "cwd", tmp.toString(),
                    "dirs", List.of(tmp + "::.")))).get(30, TimeUnit.SECONDS);
            c.setLines(SOURCE, RecordingTcpTestLines.line(SOURCE, "@print"));
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());

            ResponseErrorException refused = assertInstanceOf(ResponseErrorException.class, assertThrows(
                    ExecutionException.class, () -> targets(c, "@sum")).getCause());
            assertTrue(refused.getMessage().startsWith("gotoTargets: cannot set the next statement to line "
                    + RecordingTcpTestLines.line(SOURCE, "@sum") + ": "), refused.getMessage());
            assertTrue(refused.getMessage().contains("another block"), refused.getMessage());

            GotoTarget[] targets = targets(c, "@open");
            assertTrue(targets.length >= 1);
            assertEquals(RecordingTcpTestLines.line(SOURCE, "@open"), targets[0].getLine());
            GotoArguments g = new GotoArguments();
            g.setThreadId(1);
            g.setTargetId(targets[0].getId());
            c.server.goto_(g).get(30, TimeUnit.SECONDS);
            assertEquals("goto", c.nextStop().getReason());
            assertEquals(RecordingTcpTestLines.line(SOURCE, "@open"), c.frames()[0].getLine());

            // The file is opened and read again, the loop runs again: the print breakpoint is reached a second time.
            c.cont();
            assertEquals("breakpoint", c.nextStop().getReason());
            c.setLines(SOURCE);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
            assertEquals(1, c.output().lines().filter(l -> l.endsWith(" 4 goto")).count(), c.output());
        }
    }

    private static GotoTarget[] targets(DapTestClient c, String marker) throws Exception {
        GotoTargetsArguments a = new GotoTargetsArguments();
        Source s = new Source();
        s.setPath(SOURCE.toString());
        a.setSource(s);
        a.setLine(RecordingTcpTestLines.line(SOURCE, marker));
        return c.server.gotoTargets(a).get(30, TimeUnit.SECONDS).getTargets();
    }
}
