package dev.trapdoor.bench;

import dev.trapdoor.engine.exec.Tier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The SIMD kernel pair timed by the thread's CPU time per call, both builds in one JVM and interleaved call by call,
 * so that a shared machine's load falls on both alike (JMH's wall-clock averages there measure the other processes).
 * Usage: {@code java -cp benchmarks.jar dev.trapdoor.bench.SimdCpuRun [tiers] [warm-up s] [measured s] [builds]}
 * ({@code tiers} a comma-separated list, default {@code TIERED}; {@code builds} defaults to {@code O3,O3-simd128};
 * one build alone measures it in a JVM of its own). Each tier gets its own store per build, and every pair is called
 * in turn. Prints the median, the lower quartile, the minimum, the 90th and 99th percentiles and the mean per pair in ms (and
 * the bytes it allocates per call, and the median wall-clock time), and the ratio of each
 * second build's median to the first's in the same tier.
 */
public final class SimdCpuRun {
    /**
     * With {@code -Dseries=true}, every build's median of each measured second, in the builds' order: a slow spell
     * that every store shows at once comes from outside the process, one that a single store shows from its code.
     */
    private static final boolean SERIES = Boolean.getBoolean("series");

    private SimdCpuRun() {
    }

    public static void main(String[] args) {
        String[] tiers = (args.length > 0 ? args[0] : "TIERED").split(",");
        double warmSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        double measureSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 12;
        String[] wasm = args.length > 3 ? args[3].split(",") : new String[] {"O3", "O3-simd128"};
        String[] builds = new String[tiers.length * wasm.length];
        Kernel[] kernels = new Kernel[builds.length];
        for (int t = 0; t < tiers.length; t++) {
            for (int w = 0; w < wasm.length; w++) {
                int b = t * wasm.length + w;
                builds[b] = tiers[t] + " " + wasm[w];
                kernels[b] = TrapdoorKernel.load(Kernels.wasm("vec", wasm[w]), Tier.valueOf(tiers[t]));
            }
        }
        int n = Kernels.n("vec", "bench");
        int expected = Kernels.expected("vec", "bench");
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            for (Kernel k : kernels) {
                check(k.run(n), expected);
            }
        }
        long[][] times = new long[builds.length][1 << 16];
        long[] allocated = new long[builds.length];
        long[][] walls = new long[builds.length][times[0].length];
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) bean;
        long self = Thread.currentThread().getId();
        int count = 0;
        int secondStart = 0;
        long nextSecond = System.nanoTime() + 1_000_000_000L;
        long end = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (System.nanoTime() < end && count < times[0].length) {
            for (int b = 0; b < builds.length; b++) {
                long a0 = alloc.getThreadAllocatedBytes(self);
                long w0 = System.nanoTime();
                long t0 = bean.getCurrentThreadCpuTime();
                int checksum = kernels[b].run(n);
                times[b][count] = bean.getCurrentThreadCpuTime() - t0;
                walls[b][count] = System.nanoTime() - w0;
                allocated[b] += alloc.getThreadAllocatedBytes(self) - a0;
                check(checksum, expected);
            }
            count++;
            if (SERIES && System.nanoTime() >= nextSecond) {
                printSecond(builds, times, secondStart, count);
                secondStart = count;
                nextSecond += 1_000_000_000L;
            }
        }
        double[] medians = new double[builds.length];
        for (int b = 0; b < builds.length; b++) {
            long[] t = Arrays.copyOf(times[b], count);
            Arrays.sort(t);
            medians[b] = t[count / 2] / 1e6;
            double mean = Arrays.stream(t).average().orElse(0) / 1e6;
            long[] w = Arrays.copyOf(walls[b], count);
            Arrays.sort(w);
            System.out.printf("%-22s calls %5d  median %.4f  q1 %.4f  min %.4f  p90 %.4f  p99 %.4f  mean %.4f ms"
                    + "  %d bytes/call; wall median %.4f ms%n", builds[b], count, medians[b], t[count / 4] / 1e6,
                    t[0] / 1e6, t[count * 9 / 10] / 1e6, t[count * 99 / 100] / 1e6, mean, allocated[b] / count,
                    w[count / 2] / 1e6);
        }
        for (int b = 1; b < builds.length; b += 2) {
            System.out.printf("%s / %s (medians) %.3f%n", builds[b], builds[b - 1], medians[b] / medians[b - 1]);
        }
    }

    /** Each build's median CPU time over the last second's calls, on one line (with {@code -Dseries=true}). */
    private static void printSecond(String[] builds, long[][] times, int from, int to) {
        StringBuilder line = new StringBuilder("second:");
        for (int b = 0; b < builds.length; b++) {
            long[] t = Arrays.copyOfRange(times[b], from, to);
            Arrays.sort(t);
            line.append(String.format(" %.4f", t[t.length / 2] / 1e6));
        }
        System.out.println(line);
    }

    private static void check(int checksum, int expected) {
        if (checksum != expected) {
            throw new IllegalStateException("checksum " + checksum + ", native " + expected);
        }
    }
}
