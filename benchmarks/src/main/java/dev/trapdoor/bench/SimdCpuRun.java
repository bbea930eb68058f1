package dev.trapdoor.bench;

import dev.trapdoor.engine.exec.Tier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The SIMD kernel pair timed by the thread's CPU time per call, both builds in one JVM and interleaved call by call,
 * so that a shared machine's load falls on both alike (JMH's wall-clock averages there measure the other processes).
 * Usage: {@code java -cp benchmarks.jar dev.trapdoor.bench.SimdCpuRun [tier] [warm-up s] [measured s] [builds]}
 * ({@code builds} defaults to {@code O3,O3-simd128}; one build alone measures it in a JVM of its own); prints the
 * median, the lower quartile, the minimum and the mean per build in ms, and the ratio of the first two builds' medians.
 */
public final class SimdCpuRun {
    private SimdCpuRun() {
    }

    public static void main(String[] args) {
        Tier tier = Tier.valueOf(args.length > 0 ? args[0] : "TIERED");
        double warmSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        double measureSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 12;
        String[] builds = args.length > 3 ? args[3].split(",") : new String[] {"O3", "O3-simd128"};
        Kernel[] kernels = new Kernel[builds.length];
        for (int b = 0; b < builds.length; b++) {
            kernels[b] = TrapdoorKernel.load(Kernels.wasm("vec", builds[b]), tier);
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
        int count = 0;
        long end = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (System.nanoTime() < end && count < times[0].length) {
            for (int b = 0; b < builds.length; b++) {
                long t0 = bean.getCurrentThreadCpuTime();
                int checksum = kernels[b].run(n);
                times[b][count] = bean.getCurrentThreadCpuTime() - t0;
                check(checksum, expected);
            }
            count++;
        }
        double[] medians = new double[builds.length];
        for (int b = 0; b < builds.length; b++) {
            long[] t = Arrays.copyOf(times[b], count);
            Arrays.sort(t);
            medians[b] = t[count / 2] / 1e6;
            double mean = Arrays.stream(t).average().orElse(0) / 1e6;
            System.out.printf("%s %-10s calls %5d  median %.4f  q1 %.4f  min %.4f  mean %.4f ms%n", tier, builds[b],
                    count, medians[b], t[count / 4] / 1e6, t[0] / 1e6, mean);
        }
        if (builds.length > 1) {
            System.out.printf("%s %s/%s (medians) %.3f%n", tier, builds[1], builds[0], medians[1] / medians[0]);
        }
    }

    private static void check(int checksum, int expected) {
        if (checksum != expected) {
            throw new IllegalStateException("checksum " + checksum + ", native " + expected);
        }
    }
}
