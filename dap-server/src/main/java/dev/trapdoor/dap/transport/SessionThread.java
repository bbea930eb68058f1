package dev.trapdoor.dap.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection's own thread for {@link SerialExecutor}: it runs one piece of work (the executor's drain) each time it
 * is signalled, and sleeps between. A single-thread {@code ExecutorService} did the same through a {@code
 * LinkedBlockingQueue}: two locks and a condition per request on the Netty event loop that posts it and again on the
 * session thread that takes it (benchmarks/RESULTS.md, session 26: the hop cost more samples than the stepping
 * requests' JSON). Here a signal is a volatile write, and the sleeper is unparked only if it is asleep.
 *
 * <p>The executor signals only when it hands the thread the ownership of its queue, so a signal never waits behind
 * more than the tail of the drain before it (the executor's counter has already reached 0 there). Shutting down lets a
 * signalled drain run first; work signalled after that is dropped, as a shut-down executor refuses it.
 */
final class SessionThread {
    private final Thread thread;
    private final Runnable work;
    /** Started at the first signal, as an executor service starts its thread at the first task. */
    private final AtomicBoolean started = new AtomicBoolean();
    /** Work was signalled and has not started yet. */
    private volatile boolean signalled;
    /** The thread is about to sleep or asleep: a signal must wake it. */
    private volatile boolean sleeping;
    private volatile boolean stopping;

    SessionThread(String name, Runnable work) {
        this.work = work;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    void signal() {
        signalled = true;
        if (!started.get() && started.compareAndSet(false, true)) {
            thread.start();
            return;
        }
        // Both volatile: either the sleeper sees the signal before it parks, or this sees it going to sleep.
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    void shutdown() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        if (!started.get()) {
            return true;
        }
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    private void loop() {
        while (true) {
            if (signalled) {
                signalled = false;
                work.run();
                continue;
            }
            if (stopping) {
                return;
            }
            sleeping = true;
            if (!signalled && !stopping) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }
}
