package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.engine.dwarf.BreakpointResolution;
import org.eclipse.lsp4j.debug.BreakpointLocation;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** setBreakpoints, setFunctionBreakpoints, setInstructionBreakpoints, setExceptionBreakpoints, breakpointLocations. */
public final class BreakpointHandler {
    private final Session session;

    public BreakpointHandler(Session session) {
        this.session = session;
    }

    public SetBreakpointsResponse setBreakpoints(SetBreakpointsArguments args) {
        Source source = args.getSource();
        if (source == null || (source.getPath() == null && source.getSourceReference() == null)) {
            throw Failures.badArguments("setBreakpoints: 'source' needs a path or a sourceReference");
        }
        SetBreakpointsResponse r = new SetBreakpointsResponse();
        r.setBreakpoints(session.breakpoints().setSourceBreakpoints(source, args.getBreakpoints()));
        return r;
    }

    public SetFunctionBreakpointsResponse setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
        r.setBreakpoints(session.breakpoints().setFunctionBreakpoints(args.getBreakpoints()));
        return r;
    }

    public SetInstructionBreakpointsResponse setInstructionBreakpoints(SetInstructionBreakpointsArguments args) {
        SetInstructionBreakpointsResponse r = new SetInstructionBreakpointsResponse();
        r.setBreakpoints(session.breakpoints().setInstructionBreakpoints(args.getBreakpoints()));
        return r;
    }

    public SetExceptionBreakpointsResponse setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        session.exceptionFilters().set(args.getFilters(), args.getFilterOptions());
        session.breakpoints().setAllWasiCalls(session.exceptionFilters().wasiCalls().orElse(null));
        return new SetExceptionBreakpointsResponse();
    }

    /** The most lines one {@code breakpointLocations} request looks at. */
    static final int MAX_LOCATION_LINES = 1_000;

    /** Lines in {@code [line, endLine]} where a breakpoint would stop without moving. */
    public BreakpointLocationsResponse breakpointLocations(BreakpointLocationsArguments args) {
        BreakpointLocationsResponse r = new BreakpointLocationsResponse();
        Program program = session.program();
        List<BreakpointLocation> out = new ArrayList<>();
        String path = args.getSource() == null ? null : args.getSource().getPath();
        if (path != null && program.sourceMap().hasDwarf()) {
            int start = Math.max(1, args.getLine());
            // A long loop: line 2^31-1 made an int counter wrap and never end. The span is capped like other requests.
            long end = Math.min(args.getEndLine() == null ? args.getLine() : args.getEndLine(),
                    (long) start + MAX_LOCATION_LINES - 1);
            TreeSet<Integer> lines = new TreeSet<>();
            for (long at = start; at <= end; at++) {
                int line = (int) at;
                BreakpointResolution res = program.sourceMap().resolve(path, line);
                if (res.resolved() && res.line() == line) {
                    lines.add(line);
                }
            }
            for (int line : lines) {
                BreakpointLocation l = new BreakpointLocation();
                l.setLine(line);
                out.add(l);
            }
        }
        r.setBreakpoints(out.toArray(BreakpointLocation[]::new));
        return r;
    }
}
