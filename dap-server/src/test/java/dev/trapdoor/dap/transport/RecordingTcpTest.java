package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.RestartFrameArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DAP {@code stepBack}, {@code reverseContinue} and {@code restartFrame} on a program launched with {@code record}
 * ({@code src/test/c/replay/replay.c}, which reads the clock, random bytes and a file): every value seen after going
 * back and running forward again is the recorded one, though the file is deleted after the first read.
 */
class RecordingTcpTest extends TcpServerTest {
    private static final Path PROGRAM = Path.of("src/test/resources/replay/replay.wasm").toAbsolutePath();
    private static final Path SOURCE = Path.of("src/test/c/replay/replay.c").toAbsolutePath();
    private static final List<String> VALUES = List.of("clock_ns", "sum", "rnd[0]", "rnd[7]", "text[0]", "text[11]");

    @Test
    void goingBackAndForwardAgainShowsTheRecordedClockRandomBytesAndFile() throws Exception {
        Files.writeString(tmp.resolve("input.txt"), "dap replayed");
        try (DapTestClient c = new DapTestClient(server)) {
            Capabilities caps = initialize(c);
            assertFalse(caps.getSupportsStepBack(), "no recording is known at initialize");
            Map<String, Object> launch = new HashMap<>(Map.of("program", PROGRAM.toString(), "record", true,
                    "cwd", tmp.toString(), "dirs", List.of(tmp + "::.")));
            c.server.launch(launch).get(30, TimeUnit.SECONDS);
            assertTrue(c.capabilitiesEvent.get(30, TimeUnit.SECONDS).getSupportsStepBack());
            c.setLines(SOURCE, line("@print"));
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            Map<String, String> recorded = values(c);
            assertEquals("100 'd'", recorded.get("text[0]"));
            assertNotEquals("0", recorded.get("clock_ns"));
            Files.delete(tmp.resolve("input.txt"));

            stepBack(c, null);
            StoppedEventArguments back = c.nextStop();
            assertEquals("step", back.getReason());
            int line = c.frames()[0].getLine();
            assertTrue(line < line("@print") && line >= line("@sum") - 1, "the loop's last line: " + line);

            c.setLines(SOURCE, line("@random"), line("@print"));
            reverseContinue(c);
            assertEquals("breakpoint", c.nextStop().getReason());
            StackFrame[] frames = c.frames();
            assertEquals(line("@random"), frames[0].getLine());
            assertEquals(recorded.get("clock_ns"), c.evaluate("clock_ns", frames[0].getId()).getResult(),
                    "the clock was read before");
            assertEquals("0", c.evaluate("sum", frames[0].getId()).getResult());
            assertEquals("0", c.evaluate("text[0]", frames[0].getId()).getResult(), "the file is not read yet");

            stepBack(c, SteppingGranularity.INSTRUCTION);
            assertEquals("step", c.nextStop().getReason());
            assertTrue(c.frames()[0].getLine() <= line("@random"));
            c.cont();
            assertEquals("breakpoint", c.nextStop().getReason());
            assertEquals(line("@random"), c.frames()[0].getLine());
            c.cont();
            assertEquals("breakpoint", c.nextStop().getReason());
            assertEquals(recorded, values(c), "replayed from the log: same clock, random bytes and file text");

            frames = c.frames();
            int main = -1;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getName().equals("main")) {
                    main = i;
                }
            }
            assertTrue(main >= 0);
            RestartFrameArguments r = new RestartFrameArguments();
            r.setFrameId(frames[main].getId());
            c.server.restartFrame(r).get(30, TimeUnit.SECONDS);
            assertEquals("restart", c.nextStop().getReason());
            frames = c.frames();
            assertEquals("main", frames[0].getName());
            assertEquals("0", c.evaluate("clock_ns", frames[0].getId()).getResult(), "memory is rolled back");
            assertEquals("0", c.evaluate("sum", frames[0].getId()).getResult());
            c.cont();
            assertEquals("breakpoint", c.nextStop().getReason());
            c.cont();
            assertEquals("breakpoint", c.nextStop().getReason());
            assertEquals(recorded, values(c));

            c.setLines(SOURCE);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
            String out = c.output();
            assertTrue(out.contains(recorded.get("clock_ns") + " " + recorded.get("sum") + " 12 dap replayed\n"),
                    out);
        }
    }

    @Test
    void reverseContinueStopsRightAfterTheWriteOfAWatchedVariable() throws Exception {
        Files.writeString(tmp.resolve("input.txt"), "watched");
        try (DapTestClient c = new DapTestClient(server)) {
            initialize(c);
            c.server.launch(new HashMap<>(Map.of("program", PROGRAM.toString(), "record", true, "cwd",
                    tmp.toString(), "dirs", List.of(tmp + "::.")))).get(30, TimeUnit.SECONDS);
            c.setLines(SOURCE, line("@print"));
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            int frame = c.frames()[0].getId();
            String clock = c.evaluate("clock_ns", frame).getResult();
            org.eclipse.lsp4j.debug.DataBreakpointInfoArguments info =
                    new org.eclipse.lsp4j.debug.DataBreakpointInfoArguments();
            info.setName("clock_ns");
            info.setFrameId(frame);
            String dataId = c.server.dataBreakpointInfo(info).get(30, TimeUnit.SECONDS).getDataId();
            assertTrue(dataId != null && dataId.startsWith("mem:0:"), dataId);
            org.eclipse.lsp4j.debug.DataBreakpoint watch = new org.eclipse.lsp4j.debug.DataBreakpoint();
            watch.setDataId(dataId);
            watch.setAccessType(org.eclipse.lsp4j.debug.DataBreakpointAccessType.WRITE);
            org.eclipse.lsp4j.debug.SetDataBreakpointsArguments set =
                    new org.eclipse.lsp4j.debug.SetDataBreakpointsArguments();
            set.setBreakpoints(new org.eclipse.lsp4j.debug.DataBreakpoint[] {watch});
            assertTrue(c.server.setDataBreakpoints(set).get(30, TimeUnit.SECONDS).getBreakpoints()[0].isVerified());
            c.setLines(SOURCE);

            reverseContinue(c);
            assertEquals("data breakpoint", c.nextStop().getReason());
            StackFrame top = c.frames()[0];
            assertTrue(top.getLine() == line("@clock") || top.getLine() == line("@random"), "" + top.getLine());
            assertEquals(clock, c.evaluate("clock_ns", top.getId()).getResult(), "just written");
            assertEquals("0", c.evaluate("rnd[0]", top.getId()).getResult(), "random bytes not read yet");
            assertEquals("0", c.evaluate("text[0]", top.getId()).getResult());
        }
    }

    @Test
    void withoutRecordingStepBackSaysHowToGetIt() throws Exception {
        try (DapTestClient c = new DapTestClient(server)) {
            initialize(c);
            c.server.launch(new HashMap<>(Map.of("program", PROGRAM.toString(), "stopOnEntry", true)))
                    .get(30, TimeUnit.SECONDS);
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            c.nextStop();
            ResponseErrorException e = assertInstanceOf(ResponseErrorException.class, assertThrows(
                    ExecutionException.class, () -> stepBack(c, null)).getCause());
            assertEquals("stepBack: the program is not being recorded (launch it with recording on)",
                    e.getMessage());
            assertFalse(c.capabilitiesEvent.isDone());
        }
    }

    private static Capabilities initialize(DapTestClient c) throws Exception {
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("trapdoor");
        init.setLinesStartAt1(true);
        Capabilities caps = c.server.initialize(init).get(30, TimeUnit.SECONDS);
        c.initialized.get(30, TimeUnit.SECONDS);
        return caps;
    }

    private static Map<String, String> values(DapTestClient c) throws Exception {
        int frame = c.frames()[0].getId();
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : VALUES) {
            out.put(v, c.evaluate(v, frame).getResult());
        }
        return out;
    }

    private static void stepBack(DapTestClient c, SteppingGranularity granularity) throws Exception {
        StepBackArguments a = new StepBackArguments();
        a.setThreadId(1);
        a.setGranularity(granularity);
        c.server.stepBack(a).get(30, TimeUnit.SECONDS);
    }

    private static void reverseContinue(DapTestClient c) throws Exception {
        ReverseContinueArguments a = new ReverseContinueArguments();
        a.setThreadId(1);
        c.server.reverseContinue(a).get(30, TimeUnit.SECONDS);
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
