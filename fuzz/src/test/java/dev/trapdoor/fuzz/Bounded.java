package dev.trapdoor.fuzz;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one input on a worker thread with a large stack (as the CLI runs programs) and a time bound: the oracle's
 * "no hang past the bound". A worker that timed out is abandoned (it may still spin) and a new one is made.
 */
final class Bounded implements AutoCloseable {
    private ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-worker", 512L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /** The outcome: the value, or the throwable the input raised; {@code null} result and a timeout flag. */
    record Outcome<T>(T value, Throwable thrown, boolean timedOut) {
    }

    <T> Outcome<T> run(Callable<T> input, long millis) {
        Future<T> f = worker.submit(input);
        try {
            return new Outcome<>(f.get(millis, TimeUnit.MILLISECONDS), null, false);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause(), false);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome<>(null, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
