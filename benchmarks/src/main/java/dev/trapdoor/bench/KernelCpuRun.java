package dev.trapdoor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A kernel's steady-state speed by this thread's CPU time, for a machine shared with other work where wall time says
 * little: {@code run(n)} (the JMH benchmarks' {@code bench} size) is called until {@code warmupSeconds} of CPU have
 * passed, then {@code calls} more times, each timed by the thread CPU clock; prints the median and the minimum in ms,
 * and checks every checksum. One JVM measures one (engine, workload, opt); compare builds by running this class from
 * each build's jar in fresh JVMs, interleaved.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.KernelCpuRun ENGINE WORKLOAD OPT [warmupSeconds] [calls]}
 * with ENGINE {@code trapdoor} or {@code trapdoor-jit}.
 */
public final class KernelCpuRun {
    private KernelCpuRun() {
    }

    public static void main(String[] args) {
        String engine = args[0];
        String workload = args[1];
        String opt = args[2];
        double warmupSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Kernel kernel = Engine.byId(engine).load(Kernels.wasm(workload, opt));
        int n = Kernels.n(workload, "bench");
        int expected = Kernels.expected(workload, "bench");
        long warmupEnd = threads.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
        while (threads.getCurrentThreadCpuTime() < warmupEnd) {
            check(kernel.run(n), expected, workload);
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            int checksum = kernel.run(n);
            ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
            check(checksum, expected, workload);
        }
        Arrays.sort(ms);
        System.out.printf("%s %s %s median %.4f min %.4f ms%n", engine, workload, opt, ms[calls / 2], ms[0]);
    }

    private static void check(int checksum, int expected, String workload) {
        if (checksum != expected) {
            throw new IllegalStateException(workload + ": checksum " + checksum + ", expected " + expected);
        }
    }
}
