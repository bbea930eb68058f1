package dev.trapdoor.bench;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;

import java.util.Arrays;


/**
 * {@link ChunkingBenchmark}'s cells by this thread's CPU time, for a machine shared with other work: one kernel's
 * {@code run} at -O2 on the compiled tier, in one chunk or in at most ten (the same budget search), called until
 * {@code warmupSeconds} of CPU have passed, then {@code calls} more times, each timed by the thread CPU clock. Prints
 * the median and the minimum in ms. One JVM measures one cell; compare builds by running each build's jar in turn.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.ChunkingCpuRun WORKLOAD CHUNKS [warmupSeconds] [calls]}
 */
public final class ChunkingCpuRun {
    private ChunkingCpuRun() {
    }

    public static void main(String[] args) {
        String workload = args[0];
        int chunks = Integer.parseInt(args[1]);
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        byte[] wasm = Kernels.wasm(workload, "O2");
        int budget = budget(wasm, chunks);
        Kernel kernel = TrapdoorKernel.load(wasm, EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget));
        int n = Kernels.n(workload, "bench");
        int expected = Kernels.expected(workload, "bench");
        CpuTiming t = CpuTiming.measure(() -> kernel.run(n), expected, workload, warmupSeconds, calls);
        // The call count divides -Dtrapdoor.jit.countCrossings's total into crossings per call.
        System.out.printf("%s %d chunks (budget %d) median %.4f min %.4f ms (%d calls)%n", workload, chunks, budget,
                t.median(), t.min(), t.totalCalls());
    }

    /** {@link ChunkingBenchmark}'s search: the smallest budget that gives at most {@code chunks} chunks. */
    static int budget(byte[] wasm, int chunks) {
        WasmModule module = Wasm.load(wasm);
        int run = module.exports().stream().filter(e -> e.name().equals("run"))
                .mapToInt(Export::index).findFirst().orElseThrow();
        ModuleContext ctx = new ModuleContext(module);
        String probe = "dev/trapdoor/engine/exec/Jit$Probe";
        int budget = EngineConfig.DEFAULT_CHUNK_BUDGET;
        if (chunks > 1) {
            int oneChunk = Arrays.stream(JvmCompiler.compile(ctx, run, budget, probe).chunkSizes()).sum();
            budget = Math.max(EngineConfig.MIN_CHUNK_BUDGET, oneChunk / chunks);
            while (budget < EngineConfig.DEFAULT_CHUNK_BUDGET
                    && JvmCompiler.compile(ctx, run, budget, probe).chunkCount() > chunks) {
                budget += Math.max(16, budget / 20);
            }
        }
        return budget;
    }
}
