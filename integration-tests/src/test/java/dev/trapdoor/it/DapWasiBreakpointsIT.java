package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over DAP (stdio, the packaged server), on fixtures/wasi_calls.wat (two fd_writes, the second through
 * {@code call_indirect}; a path_open that succeeds, then one that fails): WASI breakpoints stop before calls made
 * either way, stepping over a call shows its result, conditions test decoded values and results, and the "All WASI
 * calls" exception filter stops before every call.
 */
class DapWasiBreakpointsIT {
    private static final Path PROGRAM = Trapdoor.ROOT.resolve("integration-tests/fixtures/wasi_calls.wat");
    private final List<Process> processes = new ArrayList<>();
    @TempDir
    Path preopen;

    private DapClient open() throws Exception {
        Process p = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap").directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"),
                        "trapdoor-dap-it.log")))
                .start();
        processes.add(p);
        return DapClient.over(p);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private Map<String, Object> launch() throws Exception {
        Files.writeString(preopen.resolve("config.toml"), "x = 1\n");
        Map<String, Object> launch = DapClient.launchArgs(PROGRAM);
        launch.put("dirs", List.of(preopen + "::/"));
        return launch;
    }

    private static void functionBreakpoint(DapClient c, String name, String condition) {
        try {
            SetFunctionBreakpointsArguments f = new SetFunctionBreakpointsArguments();
            FunctionBreakpoint fb = new FunctionBreakpoint();
            fb.setName(name);
            fb.setCondition(condition);
            f.setBreakpoints(new FunctionBreakpoint[] {fb});
            var placed = DapClient.get(c.server.setFunctionBreakpoints(f)).getBreakpoints()[0];
            assertTrue(placed.isVerified(), placed.getMessage());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void allWasiCalls(DapClient c, String condition) {
        try {
            SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
            a.setFilters(new String[0]);
            ExceptionFilterOptions o = new ExceptionFilterOptions();
            o.setFilterId("wasi.all");
            o.setCondition(condition);
            a.setFilterOptions(new ExceptionFilterOptions[] {o});
            DapClient.get(c.server.setExceptionBreakpoints(a));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Variable[] scope(DapClient c, String name) throws Exception {
        return c.scope(c.top().getId(), name);
    }

    @Test
    void aWasiBreakpointStopsAtDirectAndIndirectCallsAndSteppingOverShowsTheResult() throws Exception {
        try (DapClient c = open()) {
            c.start(launch(), () -> functionBreakpoint(c, "fd_write", null));
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            Variable[] call = scope(c, "WASI call");
            assertEquals("\"direct\\n\", 1", DapClient.value(call, "1: iovs"));
            c.cont();
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            call = scope(c, "WASI call"); // stopped on the call_indirect whose table element is fd_write
            assertEquals("wasi_snapshot_preview1.fd_write", DapClient.value(call, "function"));
            assertEquals("\"indirect\\n\", 1", DapClient.value(call, "1: iovs"));
            assertEquals("direct\n", c.output("stdout"));
            c.next(SteppingGranularity.INSTRUCTION);
            Variable[] result = scope(c, "WASI result");
            assertEquals("0 SUCCESS", DapClient.value(result, "errno"));
            assertEquals("9", DapClient.value(result, "nwritten"));
            c.cont();
            assertEquals(0, c.exitCode()); // ran to the end: no third fd_write
        }
    }

    @Test
    void steppingOverAFailingPathOpenByLineShowsItsErrnoAndConditionsTestDecodedPaths() throws Exception {
        try (DapClient c = open()) {
            c.start(launch(), () -> functionBreakpoint(c, "path_open", "path == \"missing.txt\""));
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            assertEquals("\"missing.txt\"", DapClient.value(scope(c, "WASI call"), "2: str"));
            c.next(SteppingGranularity.STATEMENT);
            Variable[] result = scope(c, "WASI result");
            assertEquals("44 ENOENT", DapClient.value(result, "errno"));
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }

    @Test
    void allWasiCallsWithAConditionOnErrnoStopsOnlyAfterTheFailingCall() throws Exception {
        try (DapClient c = open()) {
            c.start(launch(), () -> allWasiCalls(c, "errno == ENOENT"));
            StoppedEventArguments stopped = c.awaitStopped();
            assertEquals("function breakpoint", stopped.getReason());
            assertNull(stopped.getHitBreakpointIds());
            Variable[] result = scope(c, "WASI result");
            assertEquals("wasi_snapshot_preview1.path_open", DapClient.value(result, "function"));
            assertEquals("44 ENOENT", DapClient.value(result, "errno"));
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }

    @Test
    void allWasiCallsStopsBeforeEveryCallAndAResultConditionSeesWhatTheCallWrote() throws Exception {
        try (DapClient c = open()) {
            c.start(launch(), () -> allWasiCalls(c, ""));
            List<String> functions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                c.awaitStopped();
                functions.add(DapClient.value(scope(c, "WASI call"), "function"));
                c.cont();
            }
            assertEquals(List.of("wasi_snapshot_preview1.fd_write", "wasi_snapshot_preview1.fd_write",
                    "wasi_snapshot_preview1.path_open", "wasi_snapshot_preview1.path_open"), functions);
            assertEquals(0, c.exitCode());
        }
        try (DapClient c = open()) {
            c.start(launch(), () -> functionBreakpoint(c, "wasi_snapshot_preview1.path_open", "opened_fd >= 3"));
            c.awaitStopped();
            Variable[] result = scope(c, "WASI result");
            assertEquals("0 SUCCESS", DapClient.value(result, "errno"));
            assertTrue(Integer.parseInt(DapClient.value(result, "opened_fd")) >= 3, DapClient.value(result,
                    "opened_fd"));
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }
}
