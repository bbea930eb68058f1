package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.HostCallSite;
import dev.trapdoor.dap.source.Stepper;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;

import java.util.Arrays;
import java.util.List;

/**
 * Runs the host call the program is stopped on as one instruction step, hands its results (a WASI call's errno as
 * WASI reports it; another import's as the store reports it, or else read from the operand stack right after the
 * call) to {@link #afterCall}, then goes on as {@code then} says: a user's step started from the instruction after
 * the call, a stop there, or a continue. It is how stepping over a WASI call shows its result, and how a condition on a call's result
 * ({@code errno != 0}) is tested once the call has returned.
 */
abstract class HostCallStep implements Stepper {
    final HostCallSite call;
    private final WasiReturns wasiReturns;
    private Stepper then;
    private boolean returned;

    /** {@code wasiReturns}: where a WASI call's errno is told (else read from the operand stack), or null. */
    HostCallStep(HostCallSite call, WasiReturns wasiReturns) {
        this.call = call;
        this.wasiReturns = wasiReturns;
    }

    /**
     * A user's step from {@code current}: if it is stopped on a host call, the call runs first and its result goes to
     * {@code result} for the next stop; a line step whose line ended with the call is then done (the pc already is on
     * the next line). Otherwise {@code step} itself.
     */
    static Stepper over(Stop current, Stepper step, Program program,
                        java.util.function.Consumer<java.util.Map<String, String>> result) {
        HostCallSite call = current.frames().isEmpty() ? null
                : program.hostCallAt(current.frames().get(0)).orElse(null);
        if (call == null) {
            return step;
        }
        int callOffset = current.frames().get(0).moduleOffset();
        int depth = current.frames().size();
        return new HostCallStep(call, program.wasiReturns()) {
            @Override
            Stepper afterCall(List<DebugFrame> frames, long[] results) {
                result.accept(dev.trapdoor.dap.adapt.HostCallScope.after(call, results, program.instance()));
                if (step instanceof dev.trapdoor.dap.source.LineStepper line && line.isOut()) {
                    return step;
                }
                boolean sameLine = frames.size() == depth && !(step instanceof dev.trapdoor.dap.source.LineStepper line
                        && line.isOneInstruction()) && program.sourceMap().locate(callOffset)
                        .flatMap(a -> program.sourceMap().locate(frames.get(0).moduleOffset())
                                .map(b -> a.file().equals(b.file()) && a.line() == b.line())).orElse(false);
                return sameLine ? step : null;
            }
        };
    }

    /**
     * The call returned {@code results}: the stepper to go on with (started from here), or {@code null} to stop here.
     */
    abstract Stepper afterCall(List<DebugFrame> frames, long[] results);

    /** Whether the call has returned (its step event came). */
    boolean hasReturned() {
        return returned;
    }

    @Override
    public Resume start(List<DebugFrame> frames) {
        if (wasiReturns != null) {
            wasiReturns.clear();
        }
        return Resume.STEP_OVER;
    }

    @Override
    public Resume onStep(List<DebugFrame> frames) {
        if (returned) {
            return then == null ? null : then.onStep(frames);
        }
        returned = true;
        WasiReturns.Last last = wasiReturns == null || !call.isWasi() ? null : wasiReturns.last();
        if (last != null && last.function().equals(call.imported().name())) {
            then = afterCall(frames, new long[] {last.errno()});
            return then == null ? null : then.start(frames);
        }
        long[] told = wasiReturns == null ? null : wasiReturns.hostResults(call);
        if (told != null) {
            then = afterCall(frames, told);
            return then == null ? null : then.start(frames);
        }
        DebugFrame top = frames.get(0);
        int n = call.type().resultCount();
        int h = top.stackHeight();
        long[] results = new long[Math.min(n, h)];
        for (int k = 0; k < results.length; k++) {
            results[k] = top.stack(h - results.length + k);
        }
        then = afterCall(frames, results);
        return then == null ? null : then.start(frames);
    }

    @Override
    public Resume again() {
        return !returned ? Resume.STEP_OVER : then == null ? Resume.CONTINUE : then.again();
    }

    /** A stepper that lets the program run on. */
    static final Stepper CONTINUE = new Stepper() {
        @Override
        public Resume start(List<DebugFrame> frames) {
            return Resume.CONTINUE;
        }

        @Override
        public Resume onStep(List<DebugFrame> frames) {
            return Resume.CONTINUE;
        }

        @Override
        public Resume again() {
            return Resume.CONTINUE;
        }
    };

    @Override
    public String toString() {
        return "HostCallStep[" + call.qualifiedName() + Arrays.toString(call.args()) + "]";
    }
}
