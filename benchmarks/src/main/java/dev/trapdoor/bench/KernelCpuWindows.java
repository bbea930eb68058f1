package dev.trapdoor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A kernel's steady-state speed as {@link KernelCpuRun} measures it (thread CPU per call, after a warm-up), over many
 * calls cut into windows ({@link CpuWindows}): prints the fastest window's median, the median window, how many windows
 * fell in one of the machine's slow spells, and every window's median. Compare builds by their fastest windows, in
 * fresh JVMs, interleaved.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.KernelCpuWindows ENGINE WORKLOAD OPT [warmupSeconds]
 * [windows] [callsPerWindow]} (defaults 3, 40, 50), ENGINE as {@link Engine#byId} takes it.
 */
public final class KernelCpuWindows {
    private KernelCpuWindows() {
    }

    public static void main(String[] args) {
        String engine = args[0];
        String workload = args[1];
        String opt = args[2];
        double warmupSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        int windows = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        int perWindow = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Kernel kernel = Engine.byId(engine).load(Kernels.wasm(workload, opt));
        int n = Kernels.n(workload, "bench");
        int expected = Kernels.expected(workload, "bench");
        // The warm-up as CpuTiming's; the timed calls kept in call order, which its sorted result loses.
        CpuTiming.measure(() -> kernel.run(n), expected, workload, warmupSeconds, 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[windows * perWindow];
        for (int i = 0; i < ms.length; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            int checksum = kernel.run(n);
            ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
            if (checksum != expected) {
                throw new IllegalStateException(workload + ": checksum " + checksum + ", expected " + expected);
            }
        }
        CpuWindows w = CpuWindows.of(ms, perWindow);
        System.out.printf("%s %s %s best %.4f median %.4f slow %d/%d windows: %s%n", engine, workload, opt, w.best(),
                w.median(), w.slow(), w.medians().length, w.series());
    }
}
