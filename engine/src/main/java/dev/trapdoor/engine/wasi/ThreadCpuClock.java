package dev.trapdoor.engine.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time for {@code CLOCK_THREAD_CPUTIME_ID}. A class of its own so that the JVM's management
 * beans (about 60 ms of CPU at process start) are set up only when a guest first asks for that clock, not by every
 * run that links WASI.
 */
final class ThreadCpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpuClock() {}

    /** Nanoseconds, or -1 where the JVM does not measure thread CPU time. */
    static long nanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
