package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.HostCallCondition;
import dev.trapdoor.dap.source.BreakpointEntry;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.debug.DebugFrame;

import java.util.List;
import java.util.Map;

/**
 * The conditions a session tests before it stops: a breakpoint's, a data breakpoint's, an exception filter's (on the
 * stopped frame) and an import breakpoint's (on a host call's decoded values). A condition that fails to evaluate
 * stops, as gdb does, and says why in the client's output.
 */
final class StopConditions {
    private final ClientEvents events;
    private final SourceVariablesProvider sourceVariables;

    StopConditions(ClientEvents events, SourceVariablesProvider sourceVariables) {
        this.events = events;
        this.sourceVariables = sourceVariables;
    }

    /** {@code condition} on {@code top}; {@code what} names it in the failure message ("breakpoint 3: "). */
    boolean holds(String condition, String what, DebugFrame top, Program program) {
        try {
            return Expressions.holds(condition, top, program, sourceVariables);
        } catch (EvalException e) {
            return failed(what, condition, e);
        }
    }

    /** An import breakpoint's condition on a host call's values (before or after the call). */
    boolean holds(BreakpointEntry entry, Map<String, Object> values) {
        try {
            return HostCallCondition.holds(entry.condition(), values);
        } catch (EvalException e) {
            return failed(entry.fromClient() ? "breakpoint " + entry.id() + ": " : "All WASI calls: ",
                    entry.condition(), e);
        }
    }

    /** Whether any of an exception filter's conditions holds (an empty one always does); each is evaluated. */
    boolean anyHolds(List<String> conditions, DebugFrame top, Program program) {
        boolean stops = false;
        for (String condition : conditions) {
            stops |= condition.isEmpty() || holds(condition, "exception filter ", top, program);
        }
        return stops;
    }

    private boolean failed(String what, String condition, EvalException e) {
        events.output("important", what + "condition '" + condition + "' failed: " + e.getMessage()
                + " (stopping)\n");
        return true;
    }
}
