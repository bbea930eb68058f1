package dev.trapdoor.bench;

import java.util.Locale;

/**
 * Steady state of one kernel after the JVM has also run every other kernel once: a complement to
 * {@link SteadyStateBenchmark}, whose forks each run one kernel only. C2 compiles an interpreter's dispatch switch
 * without the cases its profile has not seen; a kernel alone therefore gets a loop trimmed to its own opcodes, while
 * a real program, which reaches more of them, ends up with the loop recompiled untrimmed. This measures that case.
 *
 * <p>Not JMH (a fork would have to run other kernels between its warm-up and measurement iterations): warm up the
 * kernel for 1.5 s, run each workload at each optimization level once at its test size, then time the kernel for
 * the given seconds and print the mean time per call over the second half, in ms. One JVM per line:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.trapdoor.bench.MixedProfile hash O2 trapdoor 5}.
 */
public final class MixedProfile {
    private MixedProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: MixedProfile <workload> <O2|O0> <trapdoor|chicory-int|chicory-aot> <seconds>");
            System.exit(2);
        }
        String workload = args[0];
        Engine engine = Engine.byId(args[2]);
        double seconds = Double.parseDouble(args[3]);
        Kernel kernel = engine.load(Kernels.wasm(workload, args[1]));
        int n = Kernels.n(workload, "bench");
        int expected = Kernels.expected(workload, "bench");
        long warmEnd = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warmEnd) {
            check(kernel.run(n), expected);
        }
        for (String other : Kernels.workloads()) {
            for (String opt : Kernels.OPT_LEVELS) {
                check(engine.load(Kernels.wasm(other, opt)).run(Kernels.n(other, "test")),
                        Kernels.expected(other, "test"));
            }
        }
        long start = System.nanoTime();
        long half = start + (long) (seconds * 0.5e9);
        long end = start + (long) (seconds * 1e9);
        long sum = 0;
        int calls = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int result = kernel.run(n);
            long t1 = System.nanoTime();
            check(result, expected);
            if (t0 > half) {
                sum += t1 - t0;
                calls++;
            }
        }
        double meanMs = sum / 1e6 / Math.max(calls, 1);
        System.out.printf(Locale.ROOT, "%s-%s %s %.3f ms%n", workload, args[1], args[2], meanMs);
    }

    private static void check(int checksum, int expected) {
        if (checksum != expected) {
            throw new IllegalStateException("checksum " + checksum + ", expected " + expected);
        }
    }
}
