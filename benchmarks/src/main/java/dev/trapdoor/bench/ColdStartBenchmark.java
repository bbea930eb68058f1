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
 * Cold start: parse, validate, instantiate and run {@code _initialize}, once, in a JVM that has never loaded the
 * engine (one sample per fork, no warmup). Reading the file is outside the measurement. Only -O2 modules by default:
 * cold start depends on module size, not on how the kernel was optimised.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(3)
public class ColdStartBenchmark {
    @Param({"fib", "dispatch", "hash", "fsm", "bytes", "memops", "sort", "matmul", "stencil", "nbody", "trees",
        "printf"})
    public String workload;

    @Param({"O2"})
    public String opt;

    @Param({"trapdoor", "chicory-int", "chicory-aot"})
    public String engine;

    private byte[] wasm;
    private Engine target;

    @Setup
    public void setup() {
        wasm = Kernels.wasm(workload, opt);
        target = Engine.byId(engine);
    }

    @Benchmark
    public Kernel load() {
        return target.load(wasm);
    }
}
