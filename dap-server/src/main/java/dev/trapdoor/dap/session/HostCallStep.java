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
