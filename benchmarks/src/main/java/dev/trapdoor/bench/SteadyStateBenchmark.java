package dev.trapdoor.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm throughput: one instance per (workload, opt, engine), one call of the exported {@code run(n)} per op with the
 * benchmark n from kernels.properties. Every call's checksum is compared with the native one, so a miscompiling
 * engine fails instead of posting a fast time. run.sh overrides the iteration counts (default and --quick).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class SteadyStateBenchmark {
    // Must list the workloads of kernels.properties; setup() rejects a name it does not know.
    @Param({"fib", "dispatch", "hash", "fsm", "bytes", "memops", "sort", "matmul", "stencil", "nbody", "trees",
        "printf"})
    public String workload;

    @Param({"O2", "O0"})
    public String opt;

    @Param({"trapdoor", "trapdoor-jit", "chicory-int", "chicory-aot"})
    public String engine;

    private Kernel kernel;
    private int n;
    private int expected;

    @Setup
    public void setup() {
        kernel = Engine.byId(engine).load(Kernels.wasm(workload, opt));
        n = Kernels.n(workload, "bench");
        expected = Kernels.expected(workload, "bench");
    }

    @Benchmark
    public int run() {
        int checksum = kernel.run(n);
        if (checksum != expected) {
            throw new IllegalStateException(engine + " " + workload + "-" + opt + ": checksum " + checksum
                    + ", native " + expected);
        }
        return checksum;
    }
}
