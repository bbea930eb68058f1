package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.RestartFrameArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * DAP {@code restartFrame} with a real client on a C program ({@code src/test/c/restart/restart.c}, -O0): the
 * innermost frame and an outer one restart with their entry arguments, stop with reason {@code restart} on the
 * function's first line with the frames above dropped, and memory (a global counter) is not rolled back.
 */
class RestartFrameTcpTest extends TcpServerTest {
    private static final Path PROGRAM = Path.of("src/test/resources/restart/restart.wasm").toAbsolutePath();
    private static final Path SOURCE = Path.of("src/test/c/restart/restart.c").toAbsolutePath();

    @Test
    void framesRestartWithTheirEntryArgumentsAndMemoryKeepsItsChanges() throws Exception {
        try (DapTestClient c = new DapTestClient(server)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            Capabilities caps = c.server.initialize(init).get(30, TimeUnit.SECONDS);
            assertTrue(caps.getSupportsRestartFrame());
            c.initialized.get(30, TimeUnit.SECONDS);
            c.server.launch(new HashMap<>(Map.of("program", PROGRAM.toString()))).get(30, TimeUnit.SECONDS);
            Breakpoint[] ret = c.setLines(SOURCE, line("@ret"));
            assertTrue(ret[0].isVerified(), ret[0].getMessage());
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            StackFrame[] frames = c.frames();
            assertEquals(List.of("counter", "outer", "main"), names(frames).subList(0, 3));
            assertEquals("10", c.evaluate("acc", frames[0].getId()).getResult());
            assertEquals("1", c.evaluate("calls", frames[0].getId()).getResult());

            restart(c, frames[0].getId());
            assertEquals("restart", c.nextStop().getReason());
            StackFrame[] again = c.frames();
            assertEquals(names(frames), names(again), "no frame dropped below the restarted one");
            assertEquals(line("@acc"), again[0].getLine(), "after the prologue, on the first statement");
            assertEquals("4", c.evaluate("n", again[0].getId()).getResult());
            assertEquals("1", c.evaluate("calls", again[0].getId()).getResult(), "memory is not rolled back");

            c.cont();
            assertEquals("breakpoint", c.nextStop().getReason());
            frames = c.frames();
            assertEquals("10", c.evaluate("acc", frames[0].getId()).getResult());
            assertEquals("2", c.evaluate("calls", frames[0].getId()).getResult());

            restart(c, frames[1].getId());
            assertEquals("restart", c.nextStop().getReason());
            StackFrame[] outer = c.frames();
            assertEquals(names(frames).subList(1, frames.length), names(outer), "counter's frame is dropped");
            assertEquals(line("@call"), outer[0].getLine());
            assertEquals("4", c.evaluate("n", outer[0].getId()).getResult());

            int unlisted = frames.length + 5;
            ResponseErrorException stale = assertInstanceOf(ResponseErrorException.class, assertThrows(
                    ExecutionException.class, () -> restart(c, unlisted)).getCause());
            assertTrue(stale.getMessage().contains("is not valid"), stale.getMessage());

            c.setLines(SOURCE);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
            assertTrue(c.output().contains("20 3\n"), "the counter ran three times: " + c.output());
        }
    }

    private static void restart(DapTestClient c, int frameId) throws Exception {
        RestartFrameArguments a = new RestartFrameArguments();
        a.setFrameId(frameId);
        c.server.restartFrame(a).get(30, TimeUnit.SECONDS);
    }

    private static List<String> names(StackFrame[] frames) {
        return java.util.Arrays.stream(frames).map(StackFrame::getName).toList();
    }

    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }
}
