package dev.trapdoor.bench;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryBudget;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiExit;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs a WASI command once in a fresh JVM and prints, on stderr, the milliseconds from decoding the module to the end
 * of {@code _start} ({@code run-ms N}) and the process's CPU time over it ({@code run-cpu-ms N}, all threads): the
 * span {@code growth/node-run.mjs} measures in V8, so the two compare without either runtime's start-up. {@code growth/run.sh} runs it for the memory-growth programs.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.GrowthRun TIER MAX_MEMORY_BYTES|unlimited PROGRAM [ARGS...]}
 */
public final class GrowthRun {
    private GrowthRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GrowthRun <interpreter|compiled|tiered> <max-memory-bytes|unlimited> "
                    + "<program.wasm> [args...]");
            System.exit(2);
        }
        Tier tier = Tier.parse(args[0]);
        long maxMemory = args[1].equals("unlimited") ? MemoryBudget.UNLIMITED : Long.parseLong(args[1]);
        Path program = Path.of(args[2]);
        byte[] bytes = Files.readAllBytes(program);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(System.out).stderr(System.err)
                .arg(program.getFileName().toString()).args(Arrays.asList(args).subList(3, args.length)).build());
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier).withMaxMemory(maxMemory));
        int code = 0;
        try {
            Instance instance = store.instantiate(Wasm.load(bytes), new WasiImports(store, wasi));
            instance.function("_start").call();
        } catch (WasiExit exit) {
            code = exit.exitCode();
        } finally {
            wasi.flush();
        }
        System.err.printf(Locale.ROOT, "run-ms %.1f%n", (System.nanoTime() - start) / 1e6);
        System.err.printf(Locale.ROOT, "run-cpu-ms %.1f%n", (os.getProcessCpuTime() - cpuStart) / 1e6);
        System.exit(code);
    }
}
