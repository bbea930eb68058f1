package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reverse continue honours a data breakpoint's condition, hit condition and {@code readWrite} access as a forward
 * continue does ({@code src/test/c/replay/replay.c}: its loop writes {@code sum} eight times, reading
 * {@code rnd[i]}). Going back from the {@code printf}, the writes are met latest first.
 */
class RecordingWatchTcpTest {
    private static final Path PROGRAM = Path.of("src/test/resources/replay/replay.wasm").toAbsolutePath();
    private static final Path SOURCE = Path.of("src/test/c/replay/replay.c").toAbsolutePath();

    @TempDir
    Path tmp;
    private TcpServer server;

    @BeforeEach
    void start() throws Exception {
        server = TcpServer.start("127.0.0.1", 0, tmp, new DwarfVariablesProvider(), () -> null);
        Files.writeString(tmp.resolve("input.txt"), "watched");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aConditionPicksTheWriteItHoldsAfter() throws Exception {
        try (DapTestClient c = stoppedAtPrint()) {
            watch(c, "sum", DataBreakpointAccessType.WRITE, "i == 3", null);
            reverseContinue(c);
            assertEquals("data breakpoint", c.nextStop().getReason());
            assertEquals("3", value(c, "i"), "the write in the fourth iteration, not the last one");
        }
    }

    @Test
    void aHitConditionCountsTheWritesGoingBack() throws Exception {
        try (DapTestClient c = stoppedAtPrint()) {
            watch(c, "sum", DataBreakpointAccessType.WRITE, null, "==3");
            reverseContinue(c);
            assertEquals("data breakpoint", c.nextStop().getReason());
            assertEquals("5", value(c, "i"), "the third write met going back: i = 7, 6, then 5");
        }
    }

    @Test
    void readWriteStopsAfterTheLatestReadWhereWriteGoesBackToTheWriter() throws Exception {
        try (DapTestClient c = stoppedAtPrint()) {
            watch(c, "rnd[5]", DataBreakpointAccessType.READ_WRITE, null, null);
            reverseContinue(c);
            assertEquals("data breakpoint", c.nextStop().getReason());
            StackFrame top = c.frames()[0];
            assertEquals(RecordingTcpTestLines.line(SOURCE, "@sum"), top.getLine());
            assertEquals("5", value(c, "i"), "read by the loop's fifth iteration");
        }
        try (DapTestClient c = stoppedAtPrint()) {
            watch(c, "rnd[5]", DataBreakpointAccessType.WRITE, null, null);
            reverseContinue(c);
            assertEquals("data breakpoint", c.nextStop().getReason());
            // Right after the random_get call inside getentropy (libc), called from main's @random line.
            int random = RecordingTcpTestLines.line(SOURCE, "@random");
            StackFrame[] frames = c.frames();
            assertTrue(java.util.Arrays.stream(frames).anyMatch(f -> f.getLine() == random
                    && f.getName().contains("main")), "getentropy wrote it, called from main: "
                    + java.util.Arrays.stream(frames).map(f -> f.getName() + ":" + f.getLine()).toList());
        }
    }

    private DapTestClient stoppedAtPrint() throws Exception {
        DapTestClient c = new DapTestClient(server);
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("trapdoor");
        init.setLinesStartAt1(true);
        c.server.initialize(init).get(30, TimeUnit.SECONDS);
        c.initialized.get(30, TimeUnit.SECONDS);
        c.server.launch(new HashMap<>(Map.of("program", PROGRAM.toString(), "record", true, "cwd", tmp.toString(),
                "dirs", List.of(tmp + "::.")))).get(30, TimeUnit.SECONDS);
        c.setLines(SOURCE, RecordingTcpTestLines.line(SOURCE, "@print"));
        c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
        assertEquals("breakpoint", c.nextStop().getReason());
        c.setLines(SOURCE);
        return c;
    }

    private static void watch(DapTestClient c, String name, DataBreakpointAccessType access, String condition,
                              String hitCondition) throws Exception {
        DataBreakpointInfoArguments info = new DataBreakpointInfoArguments();
        info.setName(name);
        info.setFrameId(c.frames()[0].getId());
        String dataId = c.server.dataBreakpointInfo(info).get(30, TimeUnit.SECONDS).getDataId();
        assertTrue(dataId != null, name);
        DataBreakpoint watch = new DataBreakpoint();
        watch.setDataId(dataId);
        watch.setAccessType(access);
        watch.setCondition(condition);
        watch.setHitCondition(hitCondition);
        SetDataBreakpointsArguments set = new SetDataBreakpointsArguments();
        set.setBreakpoints(new DataBreakpoint[] {watch});
        assertTrue(c.server.setDataBreakpoints(set).get(30, TimeUnit.SECONDS).getBreakpoints()[0].isVerified());
    }

    private static String value(DapTestClient c, String expression) throws Exception {
        return c.evaluate(expression, c.frames()[0].getId()).getResult();
    }

    private static void reverseContinue(DapTestClient c) throws Exception {
        ReverseContinueArguments a = new ReverseContinueArguments();
        a.setThreadId(1);
        c.server.reverseContinue(a).get(30, TimeUnit.SECONDS);
    }
}
