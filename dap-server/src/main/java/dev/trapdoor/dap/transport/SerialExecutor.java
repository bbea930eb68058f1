package dev.trapdoor.dap.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's serial executor: its tasks run one at a time, in the order they were queued, each seeing what the
 * one before it did. Queued tasks run on the connection's own thread ({@code trapdoor-session-N}); a caller may also
 * run a task on its own thread ({@link #runHere}) when nothing is running or queued, which saves the wake-up of the
 * session thread and, for a request read on a Netty event loop, the event loop's wake-up to write the response.
 *
 * <p>One counter owns the order: it counts the queued tasks and the one running. Whoever takes it from 0 runs tasks
 * until it falls back to 0 (a caller of {@code runHere} only its own task: what was queued meanwhile goes to the
 * session thread, since it may block). The counter's atomic updates are the happens-before edge from each task to
 * the next, whichever threads run them.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
    /**
     * Whether the session thread is a {@link SessionThread} (signalled by a volatile write, unparked only when
     * asleep) rather than a single-thread {@code ExecutorService}; {@code -Dtrapdoor.dap.sessionThread=false} keeps
     * the executor service. Read when a connection opens.
     */
    static volatile boolean ownThread = !"false".equals(System.getProperty("trapdoor.dap.sessionThread"));

    /** The session thread: one of these two. */
    private final ExecutorService thread;
    private final SessionThread own;
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    /** Queued tasks plus the one running; 0 when idle. A task is queued before it is counted. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable drain = this::drain;
    private volatile boolean shutdown;

    SerialExecutor(String threadName) {
        this(threadName, ownThread);
    }

    SerialExecutor(String threadName, boolean ownThread) {
        if (ownThread) {
            this.thread = null;
            this.own = new SessionThread(threadName, drain);
        } else {
            this.own = null;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Queues {@code task} to run on the session thread after everything queued before it. */
    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the connection is closed");
        }
        queued.add(task);
        if (pending.getAndIncrement() == 0) {
            toThread();
        }
    }

    /**
     * Runs {@code task} on the calling thread, now, if nothing is running or queued; otherwise queues it as {@link
     * #execute} does.
     */
    public void runOrQueue(Runnable task) {
        if (!runHere(task)) {
            execute(task);
        }
    }

    /** Runs {@code task} on the calling thread and returns true if nothing is running or queued; else false. */
    public boolean runHere(Runnable task) {
        if (shutdown || !pending.compareAndSet(0, 1)) {
            return false;
        }
        if (!queued.isEmpty()) {
            // A task queued but not counted yet (its poster is between the two steps of execute) came first: running
            // this one here would pass it, and a poster's next task would overtake its previous one.
            release();
            return false;
        }
        run(task);
        release();
        return true;
    }

    /** Tasks queued meanwhile run on the session thread: they may be slow, and this caller may be an event loop. */
    private void release() {
        if (pending.decrementAndGet() != 0) {
            toThread();
        } else if (shutdown) {
            stopThread();
        }
    }

    /** On the session thread, as the counter's owner: runs queued tasks until none is left. */
    private void drain() {
        do {
            run(queued.poll());
        } while (pending.decrementAndGet() != 0);
        if (shutdown) {
            stopThread();
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | StackOverflowError e) {
            // Logged, not thrown: the counter must still be given back, or the connection would stall for good.
            LOG.log(Level.SEVERE, "a session task failed", e);
        }
    }

    /** Hands the queue to the session thread, which drains it. */
    private void toThread() {
        if (own != null) {
            own.signal();
            return;
        }
        try {
            thread.execute(drain);
        } catch (RejectedExecutionException closed) {
            // shut down meanwhile: the connection is gone and so is whatever was left for it
        }
    }

    private void stopThread() {
        if (own != null) {
            own.shutdown();
        } else {
            thread.shutdown();
        }
    }

    /**
     * Refuses new tasks; those queued still run, and the session thread ends after the last of them (or at once when
     * there are none).
     */
    public void shutdown() {
        shutdown = true;
        if (pending.get() == 0) {
            stopThread();
        }
    }

    /** Waits for the session thread to end after {@link #shutdown}. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        return own != null ? own.awaitTermination(millis) : thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
