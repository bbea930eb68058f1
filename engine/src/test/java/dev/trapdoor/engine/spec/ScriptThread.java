package dev.trapdoor.engine.spec;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one script's commands, one after another, on a daemon worker thread with a time limit per command, so an
 * engine that loops forever fails that command instead of hanging the build. A command that overruns is abandoned
 * (the engine cannot be interrupted); the script's later commands then fail at once, since the store is in use.
 */
final class ScriptThread {
    static final String TIMEOUT_PROPERTY = "spec.timeout";
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private final ThreadPoolExecutor worker;
    private final long timeoutSeconds;
    private int hungLine = -1;

    ScriptThread(String name) {
        this.timeoutSeconds = Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_SECONDS);
        this.worker = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "spec " + name);
            t.setDaemon(true);
            return t;
        });
        // The thread ends by itself after the script's last command; no one has to remember to shut it down.
        worker.allowCoreThreadTimeOut(true);
    }

    void execute(int line, Runnable command) throws Throwable {
        if (hungLine >= 0) {
            fail("not run: the command at line " + hungLine + " did not finish and still holds the store");
        }
        Future<?> done = worker.submit(command);
        try {
            done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            hungLine = line;
            done.cancel(true);
            fail("did not finish within " + timeoutSeconds + " s (-D" + TIMEOUT_PROPERTY + "=SECONDS); abandoned");
        }
    }
}
