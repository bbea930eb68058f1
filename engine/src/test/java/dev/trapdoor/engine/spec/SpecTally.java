package dev.trapdoor.engine.spec;

import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the outcome of every spec command, for the one summary line a run prints. */
final class SpecTally {
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    void countFile() {
        files.incrementAndGet();
    }

    /** Runs a test body, counting its outcome, and passes the outcome on to JUnit unchanged. */
    void run(Executable body) throws Throwable {
        try {
            body.execute();
        } catch (TestAbortedException e) {
            skipped.incrementAndGet();
            throw e;
        } catch (Throwable t) {
            failed.incrementAndGet();
            throw t;
        }
        passed.incrementAndGet();
    }

    boolean isEmpty() {
        return files.get() == 0 && passed.get() + failed.get() + skipped.get() == 0;
    }

    /**
     * Worded so it is not mistaken for a test runner's closing line: Surefire's own totals (which include these
     * commands) remain the run's verdict.
     */
    String summary() {
        return String.format("Spec suite: %d files, commands %d passed / %d failed / %d skipped", files.get(),
                passed.get(), failed.get(), skipped.get());
    }
}
