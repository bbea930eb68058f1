package dev.trapdoor.bench;

import dev.trapdoor.engine.exec.Tier;
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
 * The SIMD kernel pair ({@code kernels/src/vec.c}: saxpy, dot product, byte histogram) built at -O3 without and
 * with {@code -msimd128}, on each Trapdoor tier. The question it answers: is the vector build at least as fast as
 * the scalar one on Trapdoor? Checksums are compared with the native build's, as in {@link SteadyStateBenchmark}.
 * Each iteration also prints its CPU time per call ({@link CpuPerCall}); {@code benchmarks/simd.sh} runs this and
 * tabulates those per fork. The warm-up covers, on a loaded machine, HotSpot compiling our interpreter, our tier
 * compiling {@code run}, and HotSpot's C1 and then C2 compiling the generated chunks (the last came up to 7 s into a
 * fork at load 20).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(5)
public class SimdBenchmark {
    /** The builds of {@code vec}: {@code O3} (scalar) and {@code O3-simd128}. */
    @Param({"O3", "O3-simd128"})
    public String build;

    @Param({"INTERPRETER", "COMPILED", "TIERED"})
    public String tier;

    private Kernel kernel;
    private int n;
    private int expected;

    @Setup
    public void setup() {
        kernel = TrapdoorKernel.load(Kernels.wasm("vec", build), Tier.valueOf(tier));
        n = Kernels.n("vec", "bench");
        expected = Kernels.expected("vec", "bench");
    }

    @Benchmark
    public int run(CpuPerCall cpu) {
        cpu.called();
        int checksum = kernel.run(n);
        if (checksum != expected) {
            throw new IllegalStateException("vec-" + build + " in " + tier + ": checksum " + checksum + ", native "
                    + expected);
        }
        return checksum;
    }
}
