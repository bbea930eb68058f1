package dev.trapdoor.dap.warm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until the JVM's C1 compiler threads have (nearly) nothing left to do, read from Linux's {@code /proc}: the
 * time each has run ({@code schedstat}, in nanoseconds). Why: C1 compiles a method once a count of its calls passes a
 * threshold that HotSpot multiplies by the length of C1's queue ({@code Tier3LoadFeedback}), and it compares only
 * every 128th call. The warm-up's sessions keep that queue long, so request methods called ~1,000 times by the warm-up
 * were still interpreted when it ended, and C1 compiled them while a server's first clients stepped
 * (benchmarks/RESULTS.md, session 20). Once the queue is empty, 128 more calls of each reach a comparison at the
 * unscaled threshold.
 */
final class CompilerIdle {
    /** The threads' names as {@code /proc} has them (15 characters). */
    private static final String C1 = "C1 CompilerThre";
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long POLL_MILLIS = 10;
    /** C1 counts as idle when its threads ran less than this in one poll interval (a compile takes ~1-5 ms). */
    private static final long BUSY_NANOS = 1_000_000;

    private CompilerIdle() {
    }

    /**
     * Returns once C1's threads ran under 1 ms in each of two consecutive 10 ms intervals, or {@code maxMillis} has
     * passed, or at once where {@code /proc} cannot tell; true if they were seen idle.
     */
    static boolean await(long maxMillis) throws InterruptedException {
        List<Path> threads = c1Threads();
        if (threads.isEmpty()) {
            return false;
        }
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long last = ran(threads);
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            long now = ran(threads);
            if (now < 0) {
                return false;
            }
            quiet = now - last < BUSY_NANOS ? quiet + 1 : 0;
            if (quiet == 2) {
                return true;
            }
            last = now;
        }
        return false;
    }

    /** The {@code schedstat} files of the C1 compiler threads; none where {@code /proc} cannot be read. */
    static List<Path> c1Threads() {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(C1)
                            && Files.isReadable(task.resolve("schedstat"))) {
                        found.add(task.resolve("schedstat"));
                    }
                } catch (IOException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return found;
    }

    /** Nanoseconds the threads have run, or -1 if one can no longer be read. */
    private static long ran(List<Path> threads) {
        long sum = 0;
        for (Path t : threads) {
            try {
                String s = Files.readString(t);
                sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return sum;
    }
}
