package dev.trapdoor.it;

import dev.trapdoor.intellij.ReadyPattern;
import dev.trapdoor.intellij.template.TemplateKeys;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9: the server driven the way IntelliJ drives it through LSP4IJ and the Trapdoor template — the template's
 * command line and ready pattern over TCP, LSP4IJ's start-up order, and after a stop what IntelliJ's debugger asks
 * (threads, stack, scopes, variables) — with only requests LSP4IJ sends: never pause, readMemory or exceptionInfo.
 */
class Lsp4ijIT {
    /** Requests LSP4IJ's DAP client has no use for; the server must work without them. */
    private static final Set<String> NEVER_SENT = Set.of("pause", "readMemory", "writeMemory", "exceptionInfo",
            "dataBreakpointInfo", "setDataBreakpoints", "setFunctionBreakpoints");
    private static final List<String> START_UP = List.of("initialize", "launch", "setBreakpoints",
            "setExceptionBreakpoints", "setInstructionBreakpoints", "configurationDone");

    private Lsp4ijSession session;

    @AfterEach
    void requestsWereLsp4ijs() throws Exception {
        if (session != null) {
            session.close();
            List<String> sent = List.copyOf(session.requests);
            assertTrue(sent.stream().noneMatch(NEVER_SENT::contains), "LSP4IJ never sends these: " + sent);
        }
    }

    @Test
    void theTemplateTheBuildShippedIsTheOneTheseTestsUse() throws Exception {
        Path built = Trapdoor.ROOT.resolve("intellij-plugin/target/lsp4ij-template");
        for (Map.Entry<String, String> f : Lsp4ijSession.TEMPLATE.files().entrySet()) {
            assertEquals(f.getValue(), Files.readString(built.resolve(f.getKey()), StandardCharsets.UTF_8),
                    f.getKey() + " in " + built);
        }
        assertTrue(Files.isRegularFile(Trapdoor.ROOT.resolve("intellij-plugin/target/trapdoor-lsp4ij-template.zip")));
    }

    @Test
    void stopsAtABreakpointShowsTheFrameAndStepsOver() throws Exception {
        session = Lsp4ijSession.startServer();
        DapClient c = session.client;
        int call = DapClient.line("call-scale");
        session.start(false, Lsp4ijSession.launchJson(DapClient.DEBUGME, Map.of()), new int[] {call},
                Lsp4ijSession.FIRST_RUN);
        assertEquals(START_UP, session.requests.subList(0, START_UP.size()), "LSP4IJ's order");

        StoppedEventArguments stop = c.awaitStopped();
        assertEquals("breakpoint", stop.getReason());
        StackFrame top = ideShowsTheStop(c);
        assertEquals("sum", top.getName());
        assertEquals(call, top.getLine());

        // Step Over: LSP4IJ sends next with the thread only (no granularity); the loop header comes next.
        NextArguments next = new NextArguments();
        next.setThreadId(stop.getThreadId());
        DapClient.get(c.server.next(next));
        assertEquals("step", c.awaitStopped().getReason());
        StackFrame after = ideShowsTheStop(c);
        assertEquals("sum", after.getName());
        assertEquals(DapClient.line("loop"), after.getLine());

        resume(c); // the breakpoint is still set: the next iteration stops there again
        assertEquals("breakpoint", c.awaitStopped().getReason());
        assertEquals(call, ideShowsTheStop(c).getLine());
        // Removing the last breakpoint of a file: LSP4IJ sends that file with no breakpoints.
        assertEquals(0, DapClient.get(c.server.setBreakpoints(Lsp4ijSession.breakpoints())).getBreakpoints().length);
        resume(c);
        assertEquals(0, c.exitCode());
        assertTrue(c.output("stdout").contains("total 16"), c.output("stdout"));
    }

    @Test
    void stopsOnATrapOnceAllTrapsIsTickedWithTheTrapInTheStopText() throws Exception {
        session = Lsp4ijSession.startServer();
        DapClient c = session.client;
        session.start(false, Lsp4ijSession.launchJson(DapClient.DEBUGME, Map.of("args", List.of("div"))), new int[0],
                Lsp4ijSession.ticked("trap.all"));
        StoppedEventArguments stop = c.awaitStopped();
        assertEquals("exception", stop.getReason());
        // Without exceptionInfo, the stop itself must say what happened: LSP4IJ shows its text.
        assertTrue(stop.getText() != null && stop.getText().contains("integer divide by zero"), stop.getText());
        StackFrame top = ideShowsTheStop(c);
        assertEquals("divide", top.getName());
        assertEquals(DapClient.line("divide"), top.getLine());
        assertTrue(Arrays.stream(c.frames()).anyMatch(f -> f.getName().equals("main")), "the caller is shown");
        resume(c);
        assertEquals(134, c.exitCode());
    }

    @Test
    void onAFirstRunAllTrapsIsTickedSoATrapStopsWithoutTouchingThePanel() throws Exception {
        // LSP4IJ ticks the filters the adapter marks default; Trapdoor marks "All traps", so a first run stops at the
        // trap instead of ending with a report on the console.
        session = Lsp4ijSession.startServer();
        DapClient c = session.client;
        var caps = session.start(false, Lsp4ijSession.launchJson(DapClient.DEBUGME, Map.of("args", List.of("div"))),
                new int[0], Lsp4ijSession.FIRST_RUN);
        assertTrue(caps.getExceptionBreakpointFilters().length > 0);
        StoppedEventArguments stop = c.awaitStopped();
        assertEquals("exception", stop.getReason());
        assertTrue(stop.getText() != null && stop.getText().contains("integer divide by zero"), stop.getText());
        resume(c);
        assertEquals(134, c.exitCode());
        assertTrue(c.output("stderr").contains("integer divide by zero"), c.output("stderr"));
    }

    @Test
    void attachesToRunListenThroughTheTemplatesAttachConfiguration() throws Exception {
        Process program = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "run", "--listen", "0",
                DapClient.DEBUGME.toString()).directory(Trapdoor.ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // run --listen prints its ready line on stderr; the same pattern reads it.
            ReadyPattern.Address listening = Lsp4ijSession.awaitReady(program, program.getErrorStream());
            Map<String, Object> attach = Lsp4ijSession.attachJson(listening.port());
            // LSP4IJ connects where the template's attach.address / attach.port point into attach.json.
            assertEquals(listening.host(), attach.get(Lsp4ijSession.placeholder(TemplateKeys.ATTACH_ADDRESS)));
            session = Lsp4ijSession.connect(listening);
            DapClient c = session.client;
            session.start(true, attach, new int[] {DapClient.line("scale")}, Lsp4ijSession.FIRST_RUN);
            assertEquals("attach", session.requests.get(1));
            assertEquals("breakpoint", c.awaitStopped().getReason());
            assertEquals("scale", ideShowsTheStop(c).getName());
            DapClient.get(c.server.setBreakpoints(Lsp4ijSession.breakpoints()));
            resume(c);
            assertEquals(0, c.exitCode());
            assertTrue(program.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, program.exitValue());
        } finally {
            program.destroyForcibly();
        }
    }

    /** What IntelliJ's debugger asks after a stop: threads, the stack, the top frame's scopes and their variables. */
    private static StackFrame ideShowsTheStop(DapClient c) throws Exception {
        assertEquals(1, DapClient.get(c.server.threads()).getThreads().length);
        StackFrame top = c.top();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(top.getId());
        Scope[] scopes = DapClient.get(c.server.scopes(sa)).getScopes();
        assertTrue(scopes.length > 0, "scopes of " + top.getName());
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(scopes[0].getVariablesReference());
        Variable[] vars = DapClient.get(c.server.variables(va)).getVariables();
        assertTrue(vars.length > 0, "variables in " + scopes[0].getName());
        return top;
    }

    private static void resume(DapClient c) throws Exception {
        ContinueArguments a = new ContinueArguments();
        a.setThreadId(1);
        DapClient.get(c.server.continue_(a));
    }
}
