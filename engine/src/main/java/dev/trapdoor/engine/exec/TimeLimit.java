package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The wall-clock limit of one outermost call into Wasm ({@link EngineConfig#timeLimitMillis}). Checking the clock
 * at every back-edge would cost the interpreter's hot loop; instead a timer sets {@link Interpreter#TIME_LIMIT}
 * when the limit should have passed, and the poll the interpreter already does at calls, returns and back-edges
 * calls {@link Interpreter#checkLimits}, which reads the clock: time the program spent stopped in a debugger was
 * added to the end meanwhile, so an early alarm re-arms itself for what is left.
 */
final class TimeLimit {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trapdoor time limit");
        t.setDaemon(true);
        return t;
    });

    private final Interpreter interp;
    private final long limitMillis;
    private volatile long endNanos;
    private ScheduledFuture<?> alarm;

    private TimeLimit(Interpreter interp, long limitMillis) {
        this.interp = interp;
        this.limitMillis = limitMillis;
        this.endNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    static TimeLimit start(Interpreter interp, long limitMillis) {
        TimeLimit t = new TimeLimit(interp, limitMillis);
        interp.clearFlag(Interpreter.TIME_LIMIT);
        // An earlier call that ran out of time sent compiled frames to the interpreter: this one may run compiled.
        interp.store.resumeCompiledCode();
        t.arm();
        return t;
    }

    private synchronized void arm() {
        long left = Math.max(0, endNanos - System.nanoTime());
        alarm = TIMER.schedule(() -> {
            interp.setFlag(Interpreter.TIME_LIMIT);
            // Compiled loops do not read the flag: they leave for the interpreter, whose polls read it.
            interp.store.leaveCompiledCode();
        }, left, TimeUnit.NANOSECONDS);
    }

    /** The program was stopped (in a debugger) for this long: that time does not count. */
    void stoppedFor(long nanos) {
        endNanos += nanos;
    }

    /** The flag was seen: traps if the limit has passed, else clears the flag and waits for the rest. */
    void check() {
        if (System.nanoTime() - endNanos >= 0) {
            throw new TrapSignal(TrapKind.TIME_LIMIT_EXCEEDED, new TrapDetail.Text("the call ran for over "
                    + limitMillis + " ms of wall-clock time (the host's limit, timeLimitMillis)"));
        }
        interp.clearFlag(Interpreter.TIME_LIMIT);
        arm();
    }

    synchronized void cancel() {
        if (alarm != null) {
            alarm.cancel(false);
        }
        interp.clearFlag(Interpreter.TIME_LIMIT);
    }
}
