package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.HostCallCondition;
import dev.trapdoor.dap.adapt.HostCallScope;
import dev.trapdoor.dap.adapt.HostCallSite;
import dev.trapdoor.dap.adapt.HostCallValues;
import dev.trapdoor.dap.source.BreakpointBook;
import dev.trapdoor.dap.source.BreakpointEntry;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.source.Stepper;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether a breakpoint hit stops the program, on the engine thread: the entry's condition, hit count and log message,
 * and for a breakpoint on imports the host call's decoded values, tested before the call or, for a condition on its
 * results, once it has returned. Kept apart from {@link DebugSession}'s run states, which it reaches only through
 * {@link Stops}.
 */
final class BreakpointHits {
    /** What a hit needs from its session. */
    interface Stops {
        Program program();

        /** The step under way, or null. */
        Stepper stepper();

        void stepper(Stepper next);

        /** The host call's result, for the next stop's "WASI result" scope. */
        void hostResult(Map<String, String> scope);

        /** Stops the program and waits until a request says how to go on. */
        Resume park(DebugEvent event, List<DebugFrame> frames, String reason, String text, Integer[] hitIds);
    }

    private final BreakpointBook breakpoints;
    private final StopConditions checks;
    private final ClientEvents events;
    private final SourceVariablesProvider sourceVariables;
    private final Stops session;

    BreakpointHits(BreakpointBook breakpoints, StopConditions checks, ClientEvents events,
                   SourceVariablesProvider sourceVariables, Stops session) {
        this.breakpoints = breakpoints;
        this.checks = checks;
        this.events = events;
        this.sourceVariables = sourceVariables;
        this.session = session;
    }

    /** @param goOn what happens when the breakpoint does not stop */
    Resume onHit(DebugEvent.BreakpointHit hit, List<DebugFrame> frames, Supplier<Resume> goOn) {
        BreakpointEntry entry = breakpoints.entryFor(hit.breakpoint().id());
        if (entry == null) {
            return goOn.get();
        }
        if (entry.importCallees() != null) {
            return onImportCall(entry, hit, frames, goOn);
        }
        DebugFrame top = frames.get(0);
        Program program = session.program();
        if (entry.condition() != null
                && !checks.holds(entry.condition(), "breakpoint " + entry.id() + ": ", top, program)) {
            return goOn.get();
        }
        if (!entry.countHit()) {
            return goOn.get();
        }
        if (entry.logMessage() != null) {
            events.output("console", Expressions.interpolate(entry.logMessage(), top, program, sourceVariables)
                    + "\n");
            return goOn.get();
        }
        return session.park(hit, frames, entry.kind().reason, null, new Integer[] {entry.id()});
    }

    /** A step (or a breakpoint condition tested after a host call) ends here. */
    Resume parkAfterStep(Stepper s, DebugEvent event, List<DebugFrame> frames) {
        if (s instanceof HostCallCheck check) {
            return session.park(event, frames, check.entry.kind().reason, null, check.entry.hitIds());
        }
        return session.park(event, frames, s == null ? "step" : s.reason(), null, null);
    }

    /**
     * A hit of a breakpoint on imports (a WASI function, "All WASI calls"): it stops only on a call to one of them,
     * and its condition is on the call's decoded values; one that names a result ({@code errno}, {@code nwritten})
     * is tested once the call has returned, and the stop is then right after the call.
     */
    private Resume onImportCall(BreakpointEntry entry, DebugEvent.BreakpointHit hit, List<DebugFrame> frames,
                                Supplier<Resume> goOn) {
        Program program = session.program();
        HostCallSite call = program.hostCallAt(frames.get(0)).orElse(null);
        if (call == null || !entry.importCallees().contains(call.funcIndex())) {
            return goOn.get();
        }
        if (entry.condition() != null) {
            Map<String, Object> before = HostCallValues.before(call, program.instance());
            if (!before.keySet().containsAll(HostCallCondition.names(entry.condition()))) {
                HostCallCheck check = new HostCallCheck(call, program, entry, session.stepper());
                session.stepper(check);
                return check.start(frames);
            }
            if (!checks.holds(entry, before)) {
                return goOn.get();
            }
        }
        if (!entry.countHit()) {
            return goOn.get();
        }
        return session.park(hit, frames, entry.kind().reason, null, entry.hitIds());
    }

    /** A breakpoint's condition on a host call's result, tested once the call returns. */
    private final class HostCallCheck extends HostCallStep {
        final BreakpointEntry entry;
        private final Program program;
        private final Stepper interrupted;

        HostCallCheck(HostCallSite call, Program program, BreakpointEntry entry, Stepper interrupted) {
            super(call, program.wasiReturns());
            this.program = program;
            this.entry = entry;
            this.interrupted = interrupted;
        }

        @Override
        Stepper afterCall(List<DebugFrame> frames, long[] results) {
            if (checks.holds(entry, HostCallValues.after(call, results, program.instance())) && entry.countHit()) {
                session.hostResult(HostCallScope.after(call, results, program.instance()));
                return null;
            }
            return interrupted != null ? interrupted : HostCallStep.CONTINUE;
        }
    }
}
