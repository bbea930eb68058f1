package dev.trapdoor.bench;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.CompiledClass;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;
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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The cost of bounded translation: each kernel's {@code run} (where -O2 inlines its hot loops) compiled in one chunk
 * and in at most ten, with the smallest chunk budget that gives ten. The goal of issue 16: ten chunks at most 1.3x
 * one. The budgets and chunk counts are printed to the log.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class ChunkingBenchmark {
    /** Kernels whose {@code run} fits one chunk of the default budget at -O2. */
    @Param({"hash", "fsm", "bytes", "sort", "matmul", "stencil"})
    public String workload;

    @Param({"1", "10"})
    public int chunks;

    private Kernel kernel;
    private int n;
    private int expected;

    @Setup
    public void setup() {
        byte[] wasm = Kernels.wasm(workload, "O2");
        WasmModule module = Wasm.load(wasm);
        int run = module.exports().stream().filter(e -> e.name().equals("run"))
                .mapToInt(Export::index).findFirst().orElseThrow();
        ModuleContext ctx = new ModuleContext(module);
        int oneChunk = Arrays.stream(compile(ctx, run, EngineConfig.DEFAULT_CHUNK_BUDGET).chunkSizes()).sum();
        int budget = EngineConfig.DEFAULT_CHUNK_BUDGET;
        if (chunks > 1) {
            // Each chunk carries its own prologue and exits, so a tenth of the size gives more than ten chunks:
            // the smallest budget that gives at most the wanted number.
            budget = Math.max(EngineConfig.MIN_CHUNK_BUDGET, oneChunk / chunks);
            while (budget < EngineConfig.DEFAULT_CHUNK_BUDGET && compile(ctx, run, budget).chunkCount() > chunks) {
                budget += Math.max(16, budget / 20);
            }
        }
        System.out.printf("%s-O2 run: %d bytes in one chunk; budget %d gives %d chunks%n", workload, oneChunk, budget,
                compile(ctx, run, budget).chunkCount());
        kernel = TrapdoorKernel.load(wasm, EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget));
        n = Kernels.n(workload, "bench");
        expected = Kernels.expected(workload, "bench");
    }

    private static CompiledClass compile(ModuleContext ctx, int funcIndex, int budget) {
        return JvmCompiler.compile(ctx, funcIndex, budget, "dev/trapdoor/engine/exec/Jit$Probe");
    }

    @Benchmark
    public int run() {
        int checksum = kernel.run(n);
        if (checksum != expected) {
            throw new IllegalStateException(workload + " in " + chunks + " chunks: checksum " + checksum
                    + ", native " + expected);
        }
        return checksum;
    }
}
