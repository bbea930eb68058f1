package dev.trapdoor.bench;

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
        Kernel kernel = Engine.byId(engine).load(Kernels.wasm(workload, opt));
        int n = Kernels.n(workload, "bench");
        int expected = Kernels.expected(workload, "bench");
        CpuTiming t = CpuTiming.measure(() -> kernel.run(n), expected, workload, warmupSeconds, calls);
        System.out.printf("%s %s %s median %.4f min %.4f ms%n", engine, workload, opt, t.median(), t.min());
    }
}
