package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebAssembly 3.0 control flow over DAP, on our clang 14 fixtures: a tail-called frame replaces its caller in the
 * call stack ({@code examples/tailcall.c}, a million calls deep), and a C++ exception stops at its throw with the
 * frames alive, names its tag and shows its payload, and a step over the call that throws lands in the handler
 * ({@code examples/eh.cpp}).
 */
abstract class Wasm3Scenarios {
    static final Path TAILCALL_C = Trapdoor.example("tailcall.c");
    static final Path TAILCALL = Trapdoor.example("tailcall.wasm");
    static final Path EH_CPP = Trapdoor.example("eh.cpp");
    static final Path EH = Trapdoor.example("eh.wasm");

    abstract DapClient open() throws Exception;

    @Test
    void aTailCalledFrameReplacesItsCaller() throws Exception {
        try (DapClient c = open()) {
            SourceBreakpoint bp = new SourceBreakpoint();
            bp.setLine(DapClient.line(TAILCALL_C, "BP_EVEN_BASE"));
            c.start(DapClient.launchArgs(TAILCALL), () -> {
                try {
                    assertTrue(c.setBreakpoints(TAILCALL_C, bp).getBreakpoints()[0].isVerified());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals("breakpoint", c.awaitStopped().getReason());
            List<String> names = Arrays.stream(c.frames()).map(StackFrame::getName).toList();
            // A million tail calls deep, and only the frames that exist: is_even, called by main (via the libc start).
            assertEquals("is_even", names.get(0), names.toString());
            assertEquals("main", names.get(1), names.toString());
            assertTrue(names.size() < 8, names.toString());
        }
    }

    @Test
    void anExceptionStopsAtItsThrowAndAStepOverTheCallLandsInTheHandler() throws Exception {
        try (DapClient c = open()) {
            SourceBreakpoint call = new SourceBreakpoint();
            call.setLine(DapClient.line(EH_CPP, "BP_CALL"));
            c.start(DapClient.launchArgs(EH), () -> {
                try {
                    c.exceptionFilters("exception.all");
                    assertTrue(c.setBreakpoints(EH_CPP, call).getBreakpoints()[0].isVerified());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            // "42" parses: the breakpoint, then the second input's throw.
            assertEquals("breakpoint", c.awaitStopped().getReason());
            c.cont();
            assertEquals("breakpoint", c.awaitStopped().getReason());
            c.cont();
            StoppedEventArguments thrown = c.awaitStopped();
            assertEquals("exception", thrown.getReason());
            List<String> names = Arrays.stream(c.frames()).map(StackFrame::getName).toList();
            // The Wasm throw is in the runtime's eh_throw, called by __cxa_throw from digit: every frame is alive.
            assertTrue(names.indexOf("digit") > 0 && names.indexOf("parse") > names.indexOf("digit")
                    && names.indexOf("main") > names.indexOf("parse"), names.toString());
            ExceptionInfoArguments a = new ExceptionInfoArguments();
            a.setThreadId(1);
            ExceptionInfoResponse info = DapClient.get(c.server.exceptionInfo(a));
            assertEquals("exception.all", info.getExceptionId());
            assertTrue(info.getDescription().contains("$__cpp_exception"), info.getDescription());
            assertEquals("tag", info.getDetails().getInnerException()[0].getTypeName());
            assertEquals("$__cpp_exception", info.getDetails().getInnerException()[0].getMessage());
            // The payload: the thrown object's address, an i32.
            assertTrue(info.getDetails().getInnerException()[1].getMessage().startsWith("i32:"),
                    info.getDetails().getInnerException()[1].getMessage());

            // Only the breakpoint at the call and the handler stop from here: a step over the throwing call of
            // "9z9" lands in its handler.
            c.exceptionFilters();
            c.cont();
            assertEquals("breakpoint", c.awaitStopped().getReason()); // "123"
            c.cont();
            assertEquals("breakpoint", c.awaitStopped().getReason()); // "9z9"
            c.next(org.eclipse.lsp4j.debug.SteppingGranularity.LINE);
            StackFrame handler = c.top();
            assertEquals("main", handler.getName());
            // The handler's first code is the catch's own line (clang puts __cxa_begin_catch there), or the next.
            int line = DapClient.line(EH_CPP, "BP_HANDLER");
            assertTrue(handler.getLine() == line - 1 || handler.getLine() == line, "line " + handler.getLine());
        }
    }
}
