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
 * Issue 16's chunking goal where a function needs its chunks at the default budget: the {@code bigvm} kernel (a
 * register VM's loop over a 128-case switch, its hot work spread over the whole function, ~22 KB of Wasm at -O2)
 * compiled as one function of many chunks, against the same C with the handlers in sixteen functions of eight
 * ({@code split}: every function fits one chunk), on the compiled tier, by this thread's CPU time ({@link CpuTiming}). One JVM
 * measures one cell. {@link ChunkingCpuRun}'s table cuts small kernels at a tenth of their size instead.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.BigFunctionCpuRun one|split [BUDGET] [warmupSeconds] [calls]}
 * (BUDGET: bytes, {@code default} or {@code max})
 */
public final class BigFunctionCpuRun {
    static final String WORKLOAD = "bigvm";
    private static final String PROBE = "dev/trapdoor/engine/exec/Jit$Probe";

    private BigFunctionCpuRun() {
    }

    public static void main(String[] args) {
        String variant = args[0];
        int budget = budget(args.length > 1 ? args[1] : "default");
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        byte[] wasm = wasm(variant);
        Kernel kernel = TrapdoorKernel.load(wasm, EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget));
        int n = Kernels.n(WORKLOAD, "bench");
        int expected = Kernels.expected(WORKLOAD, "bench");
        CpuTiming t = CpuTiming.measure(() -> kernel.run(n), expected, WORKLOAD, warmupSeconds, calls);
        int[] sizes = runChunkSizes(wasm, budget);
        System.out.printf("%s %s: run in %d chunks (budget %d, %d bytes; at most %d chunks in any function) median %.4f"
                + " min %.4f ms (%d calls)%n", WORKLOAD, variant, sizes.length, budget, Arrays.stream(sizes).sum(),
                mostChunks(wasm, budget), t.median(), t.min(), t.totalCalls());
    }

    static byte[] wasm(String variant) {
        return switch (variant) {
            case "one" -> Kernels.wasm(WORKLOAD, "O2");
            case "split" -> Kernels.wasm(WORKLOAD + "-split", "O2");
            default -> throw new IllegalArgumentException("variant is one or split: " + variant);
        };
    }

    static int budget(String arg) {
        return switch (arg) {
            case "default" -> EngineConfig.DEFAULT_CHUNK_BUDGET;
            case "max" -> EngineConfig.MAX_CHUNK_BUDGET;
            default -> Integer.parseInt(arg);
        };
    }

    /** The byte size of each chunk of the export {@code run} at {@code budget}. */
    static int[] runChunkSizes(byte[] wasm, int budget) {
        WasmModule module = Wasm.load(wasm);
        int run = module.exports().stream().filter(e -> e.name().equals("run"))
                .mapToInt(Export::index).findFirst().orElseThrow();
        return JvmCompiler.compile(new ModuleContext(module), run, budget, PROBE).chunkSizes();
    }

    /** The most chunks any function of the module needs at {@code budget}. */
    static int mostChunks(byte[] wasm, int budget) {
        WasmModule module = Wasm.load(wasm);
        ModuleContext ctx = new ModuleContext(module);
        int most = 0;
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            most = Math.max(most, JvmCompiler.compile(ctx, f, budget, PROBE).chunkCount());
        }
        return most;
    }
}
