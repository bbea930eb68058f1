package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.RestartStepper;
import dev.trapdoor.dap.source.LineStepper;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.SteppingGranularity;

import java.util.function.Predicate;

/**
 * continue, next, stepIn, stepOut, restartFrame, pause. Each answers at once and leaves the engine to run: the session sends the
 * {@code stopped} event after this response (see {@link dev.trapdoor.dap.session.ClientEvents}).
 */
public final class ExecutionHandler {
    private final Session session;

    public ExecutionHandler(Session session) {
        this.session = session;
    }

    public ContinueResponse continue_() {
        session.resume(null);
        ContinueResponse r = new ContinueResponse();
        r.setAllThreadsContinued(true);
        return r;
    }

    public void next(SteppingGranularity granularity) {
        step(LineStepper.Kind.OVER, granularity);
    }

    public void stepIn(SteppingGranularity granularity) {
        step(LineStepper.Kind.INTO, granularity);
    }

    public void stepOut(SteppingGranularity granularity) {
        step(LineStepper.Kind.OUT, granularity);
    }

    private void step(LineStepper.Kind kind, SteppingGranularity granularity) {
        var stop = session.stop(); // fails with "the program is running" before anything is built
        boolean byInstruction = granularity == SteppingGranularity.INSTRUCTION;
        Program program = session.program();
        if (byInstruction && kind != LineStepper.Kind.OUT && !stop.frames().isEmpty()) {
            // One instruction per step needs the function's exact code; its frame moves there before it resumes.
            program.debugger().translateExactly(program.instance(), stop.frames().get(0).funcIndex());
        }
        Predicate<String> userFile = program.justMyCode() ? program.userCode()::isUserFile : null;
        session.resume(new LineStepper(program.sourceMap(), program::firstStop, kind, byInstruction, userFile));
    }

    /** Re-enters a frame with its entry arguments; refuses with the engine's reason when it cannot. */
    public void restartFrame(int frameId) {
        Stop stop = session.stop();
        Stop.FrameRef ref = stop.frame(frameId);
        Program program = session.program();
        if (ref.inlineDepth() > 0) {
            throw Failures.failure("restartFrame: this frame is inlined into "
                    + stop.frames().get(ref.wasmIndex()).functionName() + "; restart that function's frame");
        }
        String why = program.debugger().whyNotRestartable(ref.wasmIndex());
        if (why != null) {
            throw Failures.failure("restartFrame: " + why);
        }
        session.resume(new RestartStepper(program.sourceMap(), ref.wasmIndex()));
    }

    public void pause() {
        session.pause();
    }
}
