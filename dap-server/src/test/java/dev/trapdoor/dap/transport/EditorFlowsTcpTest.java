package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.trapdoor.dap.transport.EditorClient.TIMEOUT_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DAP side of the editor test's flows (vscode-extension/e2e), with the real server and the examples' C programs,
 * so a broken answer shows here without a browser: Set Value on a C local changes the program's output, a logpoint
 * interpolates a C variable at every hit, and the frames of one stop are the same for every {@code stackTrace}
 * request, even two sent at once (VS Code's Call Stack view and its model do that; a changed top frame loses the
 * exception widget).
 */
class EditorFlowsTcpTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = REPO.resolve("examples");

    private TcpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, REPO, new DwarfVariablesProvider(), () -> null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void setValueOnACLocalIsOfferedAndChangesTheOutput() throws Exception {
        Path source = EXAMPLES.resolve("cvars.c");
        int report = EditorClient.lineOf(source, "// @report");
        try (EditorClient c = new EditorClient(server)) {
            c.launch(EXAMPLES.resolve("cvars.wasm"), client -> client.breakpoint(source, report, null));
            assertEquals(Boolean.TRUE, c.capabilities.getSupportsSetVariable(), "VS Code offers Set Value only so");
            assertEquals("breakpoint", c.nextStop().getReason());
            StackFrame top = stackTrace(c).getStackFrames()[0];
            assertEquals(report, top.getLine());
            int locals = localsReference(c, top.getId());
            Variable factor = variable(c, locals, "factor");
            assertEquals("2", factor.getValue());
            assertEquals("factor", factor.getEvaluateName());
            assertFalse(factor.getPresentationHint() != null && factor.getPresentationHint().getAttributes() != null
                    && Arrays.asList(factor.getPresentationHint().getAttributes()).contains("readOnly"),
                    "a local with a value is writable: VS Code hides Set Value for readOnly");

            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(locals);
            set.setName("factor");
            set.setValue("7");
            SetVariableResponse answer = c.server.setVariable(set).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("7", answer.getValue());
            assertEquals("7", variable(c, localsReference(c, top.getId()), "factor").getValue(),
                    "the Variables pane, fetched again after the set");

            c.server.continue_(new ContinueArguments()).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(0, c.exited.get(TIMEOUT_S, TimeUnit.SECONDS).getExitCode());
            // weigh(p, factor) = 3 * 2 + 4 + factor: 12 with the program's factor, 17 with the one set.
            assertTrue(c.stdout().contains("total 300 weight 17 "), c.stdout());
        }
    }

    @Test
    void aLogpointPrintsItsCVariableAtEveryHitAndDoesNotStop() throws Exception {
        Path source = EXAMPLES.resolve("debugme.c");
        int line = EditorClient.lineOf(source, "return scaled + 1;");
        try (EditorClient c = new EditorClient(server)) {
            SetBreakpointsResponse[] set = new SetBreakpointsResponse[1];
            c.launch(EXAMPLES.resolve("debugme.wasm"), client -> set[0] = client.breakpoint(source, line,
                    "scaled is {scaled}"));
            assertTrue(set[0].getBreakpoints()[0].isVerified(), String.valueOf(set[0].getBreakpoints()[0]));
            assertEquals(0, c.exited.get(TIMEOUT_S, TimeUnit.SECONDS).getExitCode());
            assertTrue(c.stops.isEmpty(), "a logpoint never stops: " + c.stops);
            assertTrue(c.console().contains("scaled is 0\nscaled is 2\nscaled is 4\nscaled is 6\n"), c.console());
            assertTrue(c.stdout().contains("total 16"), c.stdout());
        }
    }

    /**
     * A step that ends on a logpoint's line prints the message and stops there (the engine reports one event for
     * both: a hit that ends the step); it went on to the next stop instead, in `sum` a line later.
     */
    @Test
    void aStepOntoALogpointsLineLogsAndStopsThere() throws Exception {
        Path source = EXAMPLES.resolve("debugme.c");
        int scale = EditorClient.lineOf(source, "// @scale");
        int ret = EditorClient.lineOf(source, "return scaled + 1;");
        try (EditorClient c = new EditorClient(server)) {
            c.launch(EXAMPLES.resolve("debugme.wasm"), client -> client.breakpoints(source, new int[] {scale, ret},
                    new String[] {null, "scaled is {scaled}"}));
            StoppedEventArguments first = c.nextStop();
            assertEquals("breakpoint", first.getReason());
            assertEquals(scale, stackTrace(c).getStackFrames()[0].getLine());
            NextArguments next = new NextArguments();
            next.setThreadId(first.getThreadId());
            c.server.next(next).get(TIMEOUT_S, TimeUnit.SECONDS);
            StoppedEventArguments stepped = c.nextStop();
            assertEquals("step", stepped.getReason());
            StackFrame top = stackTrace(c).getStackFrames()[0];
            assertEquals("scale", top.getName());
            assertEquals(ret, top.getLine());
            assertTrue(c.console().contains("scaled is 0\n"), c.console());
        }
    }

    @Test
    void theFramesOfOneStopAreTheSameForConcurrentAndLaterRequests() throws Exception {
        Path source = EXAMPLES.resolve("debugme.c");
        int call = EditorClient.lineOf(source, "// @call-scale");
        try (EditorClient c = new EditorClient(server)) {
            c.launch(EXAMPLES.resolve("debugme.wasm"), client -> client.breakpoint(source, call, null));
            assertFrameAnswersAgree(c, c.nextStop());
            c.server.continue_(new ContinueArguments()).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertFrameAnswersAgree(c, c.nextStop()); // the second stop, with frame ids of its own
        }
        try (EditorClient c = new EditorClient(server)) {
            c.launch(EXAMPLES.resolve("trap.wasm"), client -> { });
            StoppedEventArguments trap = c.nextStop();
            assertEquals("exception", trap.getReason());
            List<String> frames = assertFrameAnswersAgree(c, trap);
            assertTrue(frames.get(0).startsWith("store_far_away trap.c:8"), frames.toString());
        }
    }

    /** Sends VS Code's pair of requests at once, then one more later; all list the same frames with the same ids. */
    private static List<String> assertFrameAnswersAgree(EditorClient c, StoppedEventArguments stop) throws Exception {
        StackTraceArguments first = new StackTraceArguments();
        first.setThreadId(stop.getThreadId());
        first.setStartFrame(0);
        first.setLevels(20);
        CompletableFuture<StackTraceResponse> a = c.server.stackTrace(first);
        CompletableFuture<StackTraceResponse> b = c.server.stackTrace(first);
        List<String> one = describe(a.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(one, describe(b.get(TIMEOUT_S, TimeUnit.SECONDS)), "two requests sent at once");
        assertEquals(one, describe(stackTrace(c)), "a later request of the same stop");
        return one;
    }

    private static List<String> describe(StackTraceResponse r) {
        List<String> frames = new ArrayList<>();
        for (StackFrame f : r.getStackFrames()) {
            frames.add(f.getName() + " " + (f.getSource() == null ? "-" : f.getSource().getName()) + ":" + f.getLine()
                    + ":" + f.getColumn() + " id " + f.getId() + " at " + f.getInstructionPointerReference());
        }
        frames.add("total " + r.getTotalFrames());
        return frames;
    }

    private static StackTraceResponse stackTrace(EditorClient c) throws Exception {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        a.setStartFrame(0);
        a.setLevels(20);
        return c.server.stackTrace(a).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static int localsReference(EditorClient c, int frameId) throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(frameId);
        return Arrays.stream(c.server.scopes(a).get(TIMEOUT_S, TimeUnit.SECONDS).getScopes())
                .filter(s -> s.getName().equals("Locals")).findFirst().orElseThrow().getVariablesReference();
    }

    private static Variable variable(EditorClient c, int reference, String name) throws Exception {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(reference);
        Variable v = Arrays.stream(c.server.variables(a).get(TIMEOUT_S, TimeUnit.SECONDS).getVariables())
                .filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        assertNotNull(v, name + " in the Locals scope");
        return v;
    }
}
