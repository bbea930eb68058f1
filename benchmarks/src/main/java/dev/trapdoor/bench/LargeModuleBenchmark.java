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
 * Start-up of a large module in a warm JVM (an IDE or a server that loads many modules): parse, validate,
 * instantiate and run {@code _initialize} on {@code big-O0.wasm}, about 1 MB and 1600 functions. Trapdoor translates
 * a function on its first call, so this is what a debug session waits for before the first instruction runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LargeModuleBenchmark {
    public static final String WORKLOAD = "big";

    @Param({WORKLOAD})
    public String workload;

    @Param({"O0"})
    public String opt;

    /** trapdoor-jit compiles all 1,600 functions here: its difference to trapdoor is the compile time of 1 MB. */
    @Param({"trapdoor", "trapdoor-jit", "chicory-int", "chicory-aot"})
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
