package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code readWrite} data breakpoints over DAP on the data breakpoint tests' C program ({@code src/test/c/watch}):
 * a load of the watched bytes stops right after it, as a write does; {@code read} alone is refused.
 */
class ReadWriteWatchTcpTest extends TcpServerTest {
    private static final Path WATCH = Path.of("src/test/resources/watch/watch.wasm").toAbsolutePath();
    private static final Path WATCH_C = Path.of("src/test/c/watch/watch.c").toAbsolutePath();

    @Test
    void loadsAndStoresOfTheWatchedElementEachStop() throws Exception {
        Files.writeString(tmp.resolve("in.txt"), "wxyz");
        try (DapTestClient c = new DapTestClient(server)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            c.server.initialize(init).get(30, TimeUnit.SECONDS);
            c.initialized.get(30, TimeUnit.SECONDS);
            c.server.launch(new HashMap<>(Map.of("program", WATCH.toString(), "stdin", "in.txt")))
                    .get(30, TimeUnit.SECONDS);
            c.setLines(WATCH_C, line("@bump"));
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            c.setLines(WATCH_C);
            int top = c.frames()[0].getId();

            DataBreakpointInfoArguments a = new DataBreakpointInfoArguments();
            a.setName("counts[5]");
            a.setFrameId(top);
            DataBreakpointInfoResponse counts = c.server.dataBreakpointInfo(a).get(30, TimeUnit.SECONDS);
            Breakpoint[] refused = set(c, watch(counts, DataBreakpointAccessType.READ));
            assertFalse(refused[0].isVerified());
            assertTrue(refused[0].getMessage().contains("use 'readWrite'"), refused[0].getMessage());
            Breakpoint[] set = set(c, watch(counts, DataBreakpointAccessType.READ_WRITE));
            assertTrue(set[0].isVerified(), set[0].getMessage());

            c.cont();
            StoppedEventArguments s = c.nextStop();
            assertEquals("data breakpoint", s.getReason());
            assertEquals(List.of(set[0].getId()), List.of(s.getHitBreakpointIds()));
            assertTrue(s.getText().matches("counts\\[5\\] read \\(0 \\(0x0\\)\\) by i32\\.load .*"), s.getText());
            assertEquals("bump", c.frames()[0].getName());
            assertEquals(line("@bump"), c.frames()[0].getLine());

            c.cont();
            s = c.nextStop();
            assertTrue(s.getText().startsWith("counts[5] changed from 0 (0x0) to 5 (0x5) by i32.store"),
                    s.getText());

            c.cont();
            s = c.nextStop();
            assertTrue(s.getText().matches("counts\\[5\\] read \\(5 \\(0x5\\)\\) by i32\\.load .*"), s.getText());
            assertEquals("main", c.frames()[0].getName(), "printf's argument");

            set(c);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
            assertTrue(c.output().contains("2 5 11 wxyz"), c.output());
        }
    }

    private static DataBreakpoint watch(DataBreakpointInfoResponse info, DataBreakpointAccessType access) {
        DataBreakpoint d = new DataBreakpoint();
        d.setDataId(info.getDataId());
        d.setAccessType(access);
        return d;
    }

    private static Breakpoint[] set(DapTestClient c, DataBreakpoint... bps) throws Exception {
        SetDataBreakpointsArguments a = new SetDataBreakpointsArguments();
        a.setBreakpoints(bps);
        return c.server.setDataBreakpoints(a).get(30, TimeUnit.SECONDS).getBreakpoints();
    }

    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(WATCH_C);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }
}
