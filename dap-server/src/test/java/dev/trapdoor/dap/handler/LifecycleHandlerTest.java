package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.ClientEvents;
import dev.trapdoor.dap.session.LaunchConfig;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LifecycleHandlerTest {
    private final Session session = mock(Session.class);
    private final ClientEvents events = mock(ClientEvents.class);
    private final LifecycleHandler handler = new LifecycleHandler(session, Path.of("/work"));

    LifecycleHandlerTest() {
        when(session.events()).thenReturn(events);
    }

    @Test
    void initializeAdvertisesAFilterPerTrapKindAndQueuesInitialized() {
        Capabilities caps = handler.initialize(new InitializeRequestArguments());
        // one per trap kind, "All traps", "All WASI calls", and the two Wasm exception filters
        assertEquals(TrapKind.values().length + 4, caps.getExceptionBreakpointFilters().length);
        assertTrue(java.util.Arrays.stream(caps.getExceptionBreakpointFilters())
                .anyMatch(f -> f.getFilter().equals("exception.uncaught")
                        && f.getLabel().equals("Uncaught Wasm exception")));
        assertTrue(java.util.Arrays.stream(caps.getExceptionBreakpointFilters())
                .anyMatch(f -> f.getFilter().equals("exception.all")
                        && f.getLabel().equals("Any thrown Wasm exception")));
        assertTrue(java.util.Arrays.stream(caps.getExceptionBreakpointFilters())
                .anyMatch(f -> f.getFilter().equals("wasi.all") && f.getLabel().equals("All WASI calls")
                        && !f.getDefault_() && f.getSupportsCondition()));
        assertTrue(caps.getSupportsDisassembleRequest() && caps.getSupportsSteppingGranularity()
                && caps.getSupportsInstructionBreakpoints() && caps.getSupportsReadMemoryRequest());
        assertFalse(caps.getSupportsDelayedStackTraceLoading(), "VS Code would show Load More under a whole stack");
        verify(session).initialized(any());
        verify(events).send(any()); // the initialized event, sent after this response by the serial thread
    }

    @Test
    void launchParsesArgumentsAgainstTheDefaultDirectory() {
        handler.launch(Map.of("program", "a.wasm", "args", List.of("x", 3.0), "stopOnEntry", true,
                "maxCallDepth", 100.0, "type", "trapdoor", "__sessionId", "s"));
        ArgumentCaptor<LaunchConfig> c = ArgumentCaptor.forClass(LaunchConfig.class);
        verify(session).launch(c.capture());
        assertEquals(Path.of("/work/a.wasm"), c.getValue().program());
        assertEquals(List.of("x", "3"), c.getValue().args());
        assertTrue(c.getValue().stopOnEntry());
        assertEquals(100, c.getValue().maxCallDepth());
    }

    @Test
    void aWronglyTypedOrUnknownKeyIsAnErrorNamingIt() {
        ResponseErrorException e = assertThrows(ResponseErrorException.class,
                () -> handler.launch(Map.of("program", "a.wasm", "env", List.of("A=1"))));
        assertTrue(e.getMessage().contains("'env'"), e.getMessage());
        e = assertThrows(ResponseErrorException.class, () -> handler.launch(Map.of("program", "a.wasm",
                "stopOnEntri", true)));
        assertTrue(e.getMessage().contains("'stopOnEntri'"), e.getMessage());
        e = assertThrows(ResponseErrorException.class, () -> handler.launch(Map.of("program", "a.wasm",
                "maxCallDepth", 1.5)));
        assertTrue(e.getMessage().contains("'maxCallDepth'"), e.getMessage());
        verify(session, never()).launch(any());
    }

    @Test
    void disconnectTerminatesUnlessToldNotTo() {
        handler.disconnect(null);
        verify(session).disconnect(true);
        DisconnectArguments keep = new DisconnectArguments();
        keep.setTerminateDebuggee(false);
        handler.disconnect(keep);
        verify(session).disconnect(false);
    }
}
