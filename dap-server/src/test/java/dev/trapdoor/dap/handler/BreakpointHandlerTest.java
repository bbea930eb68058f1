package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.ExceptionFilters;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.source.BreakpointBook;
import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointNotVerifiedReason;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class BreakpointHandlerTest {
    private final Session session = mock(Session.class);
    private final BreakpointBook book = new BreakpointBook();
    private final ExceptionFilters filters = new ExceptionFilters();
    private final BreakpointHandler handler = new BreakpointHandler(session);

    BreakpointHandlerTest() {
        when(session.breakpoints()).thenReturn(book);
        when(session.exceptionFilters()).thenReturn(filters);
    }

    private static SetBreakpointsArguments lines(String hitCondition, int... lines) {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source s = new Source();
        s.setPath("/src/a.c");
        a.setSource(s);
        SourceBreakpoint[] bps = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(lines[i]);
            bps[i].setHitCondition(hitCondition);
        }
        a.setBreakpoints(bps);
        return a;
    }

    /**
     * The DAP fuzz target's finding: line 2^31-1 wrapped the handler's line counter, and the request never answered.
     * Lines past the file, or a range of millions, answer at once.
     */
    @Test
    void breakpointLocationsAtTheEndOfTheIntRangeAnswer() throws Exception {
        dev.trapdoor.engine.model.WasmModule module = dev.trapdoor.engine.Wasm.load(
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../examples/debugme.wasm")));
        dev.trapdoor.dap.session.Program program = mock(dev.trapdoor.dap.session.Program.class);
        when(session.program()).thenReturn(program);
        when(program.sourceMap()).thenReturn(dev.trapdoor.engine.dwarf.SourceMap.of(module));
        org.eclipse.lsp4j.debug.BreakpointLocationsArguments a = new org.eclipse.lsp4j.debug.BreakpointLocationsArguments();
        Source src = new Source();
        src.setPath("debugme.c");
        a.setSource(src);
        a.setLine(Integer.MAX_VALUE);
        assertEquals(0, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> handler.breakpointLocations(a)).getBreakpoints().length);
        a.setLine(1);
        a.setEndLine(Integer.MAX_VALUE);
        var all = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> handler.breakpointLocations(a)).getBreakpoints();
        assertTrue(all.length > 0, "debugme.c has lines to stop at");
    }

    @Test
    void breakpointsBeforeTheProgramLoadsArePendingWithDistinctIds() {
        Breakpoint[] r = handler.setBreakpoints(lines(null, 3, 9)).getBreakpoints();
        assertEquals(2, r.length);
        assertFalse(r[0].isVerified());
        assertEquals(BreakpointNotVerifiedReason.PENDING, r[0].getReason());
        assertTrue(r[0].getId() != r[1].getId());
        assertEquals(9, r[1].getLine());
    }

    @Test
    void anUnusableHitConditionIsReportedOnTheBreakpoint() {
        Breakpoint bp = handler.setBreakpoints(lines("every other", 3)).getBreakpoints()[0];
        assertFalse(bp.isVerified());
        assertEquals(BreakpointNotVerifiedReason.FAILED, bp.getReason());
        assertTrue(bp.getMessage().contains("every other"), bp.getMessage());
    }

    @Test
    void aSourceNeedsAPathOrAReference() {
        SetBreakpointsArguments a = lines(null, 1);
        a.setSource(new Source());
        assertThrows(ResponseErrorException.class, () -> handler.setBreakpoints(a));
    }

    @Test
    void exceptionFiltersAreCheckedAndCarryConditions() {
        SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
        a.setFilters(new String[] {"trap.unreachable"});
        ExceptionFilterOptions o = new ExceptionFilterOptions();
        o.setFilterId(ExceptionFilters.ALL);
        o.setCondition("$0 == 1");
        a.setFilterOptions(new ExceptionFilterOptions[] {o});
        handler.setExceptionBreakpoints(a);
        assertEquals(List.of("", "$0 == 1"), filters.conditions(TrapKind.UNREACHABLE).orElseThrow());
        assertEquals(List.of("$0 == 1"), filters.conditions(TrapKind.INTEGER_OVERFLOW).orElseThrow());

        a.setFilters(new String[] {"trap.nonsense"});
        ResponseErrorException e = assertThrows(ResponseErrorException.class,
                () -> handler.setExceptionBreakpoints(a));
        assertTrue(e.getMessage().contains("trap.nonsense"));
    }
}
