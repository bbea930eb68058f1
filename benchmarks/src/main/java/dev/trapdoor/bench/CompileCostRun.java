package dev.trapdoor.bench;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * What the compiled tier costs to translate code (issue 16: "the compile time per KB of Wasm and the peak heap"):
 * {@code big-O0.wasm} (about 1 MB, 1,600 functions) instantiated on {@link Tier#COMPILED}, which compiles every
 * function before the first call, against the same instantiation on the interpreter, which translates lazily. Each
 * round is a fresh store in one warm JVM; the first rounds warm the JVM and are not printed. The peak is the sum of
 * the heap pools' peaks over the round (reset before it, after a GC), the allocation this thread's.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.CompileCostRun [rounds]}
 */
public final class CompileCostRun {
    private CompileCostRun() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] wasm = Kernels.wasm(LargeModuleBenchmark.WORKLOAD, "O0");
        WasmModule module = Wasm.load(wasm);
        long codeBytes = 0;
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            var body = module.body(f);
            codeBytes += body.endOffset() - body.bodyOffset();
        }
        double kb = codeBytes / 1024.0;
        System.out.printf("big-O0.wasm: %d functions, %.0f KB of function bodies%n",
                module.functionCount() - module.importedFunctionCount(), kb);
        System.out.println("| tier | round | wall ms | ms per KB | allocated MiB | peak heap MiB |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (int r = 0; r < rounds + 2; r++) {
            for (Tier tier : new Tier[]{Tier.INTERPRETER, Tier.COMPILED}) {
                Round m = measure(wasm, tier);
                if (r >= 2) {
                    System.out.printf("| %s | %d | %.0f | %.2f | %.0f | %.0f |%n", tier.name().toLowerCase(), r - 1,
                            m.wallMs, m.wallMs / kb, m.allocated / 1048576.0, m.peakHeap / 1048576.0);
                }
            }
        }
    }

    private record Round(double wallMs, long allocated, long peakHeap) {
    }

    private static Round measure(byte[] wasm, Tier tier) {
        System.gc();
        var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        Kernel k = Engine.byId(tier == Tier.COMPILED ? "trapdoor-jit" : "trapdoor").load(wasm);
        long wall = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (k == null) {
            throw new IllegalStateException("no kernel");
        }
        return new Round(wall / 1e6, allocated, peak);
    }
}
