package dev.trapdoor.engine.exec;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for work that only saves time later and that nobody waits for: tasks run one at a time, in the
 * order offered. At most {@code capacity} tasks wait; an offer beyond that is refused rather than queued, since the
 * work also happens on demand where it is needed and an unbounded backlog would only hold memory. The thread is made
 * on the first offer and ends after {@code idleMillis} without work, so an idle process keeps no extra thread.
 * Its priority is the lowest (which Linux ignores unless the JVM is told otherwise, so this is a hint only).
 */
final class BackgroundWorker {
    private final ThreadPoolExecutor pool;

    BackgroundWorker(String threadName, int capacity, long idleMillis) {
        pool = new ThreadPoolExecutor(1, 1, idleMillis, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                new Threads(threadName), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    private record Threads(String name) implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }
    }

    /** Queues {@code task}; returns false (and drops it) when {@code capacity} tasks wait or after {@link #close}. */
    boolean offer(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** Refuses new tasks and drops the waiting ones (returns how many); a task already running finishes. */
    int close() {
        pool.shutdown();
        return pool.getQueue().drainTo(new java.util.ArrayList<>());
    }
}
