package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.session.Expressions;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.source.BackStepper;
import dev.trapdoor.dap.watch.ReverseWatches;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Recording;
import org.eclipse.lsp4j.debug.SteppingGranularity;

import java.util.List;

/**
 * stepBack and reverseContinue, on a program launched with {@code record}; and the recording's side of requests that
 * change the program's state ({@link #changed}): the recorded future is dropped there.
 */
public final class ReverseHandler {
    private final Session session;

    public ReverseHandler(Session session) {
        this.session = session;
    }

    public void stepBack(SteppingGranularity granularity) {
        go("stepBack", granularity == SteppingGranularity.INSTRUCTION ? Resume.STEP_BACK_INSTRUCTION
                : Resume.STEP_BACK, () -> false);
    }

    public void reverseContinue() {
        Program program = checked("reverseContinue");
        ReverseWatches watches = new ReverseWatches(session.dataWatches(), program.instance(),
                (condition, frames) -> holds(condition, frames, program));
        // Without data breakpoints the replay needs to see only breakpoints, and runs a block at a time.
        program.debugger().recording().stopTest(session.dataWatches().isEmpty() ? null : watches);
        go("reverseContinue", Resume.REVERSE_CONTINUE, watches::landedOnWatch);
    }

    /** A data breakpoint's condition at an instruction the reverse continue replays; one that fails stops. */
    private boolean holds(String condition, List<DebugFrame> frames, Program program) {
        try {
            return Expressions.holds(condition, frames.get(0), program, session.sourceVariables());
        } catch (EvalException e) {
            session.events().output("important", "data breakpoint condition '" + condition + "' failed: "
                    + e.getMessage() + " (stopping)\n");
            return true;
        }
    }

    private void go(String command, Resume resume, java.util.function.BooleanSupplier onWatch) {
        checked(command);
        session.resume(new BackStepper(resume, onWatch));
    }

    private Program checked(String command) {
        session.stop(); // fails with "the program is running" first
        Program program = session.program();
        String why = program.debugger().whyNotBack();
        if (why != null) {
            throw Failures.failure(command + ": " + why);
        }
        return program;
    }

    /** A request changed the stopped program's state: a recording goes on live from here. */
    public <T> T changed(T result) {
        Recording r = session.program().debugger().recording();
        if (r != null) {
            r.diverged();
        }
        return result;
    }
}
