package dev.trapdoor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * One call's steady-state cost by this thread's CPU clock, for the {@code *CpuRun} mains (one JVM per measurement on a
 * shared machine, where wall time says little): calls until {@code warmupSeconds} of CPU have passed, then times
 * {@code calls} more, checking every checksum.
 *
 * @param ms         the timed calls' CPU milliseconds, sorted
 * @param totalCalls warm-up and timed calls together
 */
record CpuTiming(double[] ms, int totalCalls) {
    static CpuTiming measure(IntSupplier call, int expected, String what, double warmupSeconds, int calls) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmupEnd = threads.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
        int warmupCalls = 0;
        while (threads.getCurrentThreadCpuTime() < warmupEnd) {
            check(call.getAsInt(), expected, what);
            warmupCalls++;
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            int checksum = call.getAsInt();
            ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
            check(checksum, expected, what);
        }
        Arrays.sort(ms);
        return new CpuTiming(ms, warmupCalls + calls);
    }

    double median() {
        return ms[ms.length / 2];
    }

    double min() {
        return ms[0];
    }

    private static void check(int checksum, int expected, String what) {
        if (checksum != expected) {
            throw new IllegalStateException(what + ": checksum " + checksum + ", expected " + expected);
        }
    }
}
