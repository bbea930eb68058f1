package dev.trapdoor.bench;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Recording;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.WasmModule;

import java.util.List;
import java.util.Locale;

/**
 * The costs of record and replay ({@code benchmarks/replay/run.sh}): a kernel's {@code run(n)} timed on the plain
 * interpreter (optimized and exact translation) and recorded; then a kernel recorded for about 10 s, paused, and the
 * time one step back (a line, where the kernels' lines are single instructions: they have no DWARF) and one
 * instruction back take, with what the recording holds per second. Each measurement is a fresh store (a store
 * records one invocation); the JVM is warmed by a first round that is not printed.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.RecordingRun [KERNEL-OPT...]} (default sort-O0 hash-O2
 * matmul-O2 fsm-O2)
 */
public final class RecordingRun {
    private RecordingRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> kernels = args.length > 0 ? List.of(args) : List.of("sort-O0", "hash-O2", "matmul-O2", "fsm-O2");
        System.out.println("| kernel | n | interpreter ms | exact ms | recorded ms | recorded / interpreter "
                + "| snapshots | held MiB | MiB per recorded s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String k : kernels) {
            String[] parts = k.split("-");
            byte[] wasm = Kernels.wasm(parts[0], parts[1]);
            int n = Kernels.n(parts[0], "bench");
            double[] row = null;
            for (int round = 0; round < 2; round++) {
                double plain = time(wasm, n, TranslationLevel.OPTIMIZED, false)[0];
                double exact = time(wasm, n, TranslationLevel.EXACT, false)[0];
                double[] recorded = time(wasm, n, TranslationLevel.EXACT, true);
                row = new double[] {plain, exact, recorded[0], recorded[1], recorded[2]};
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.2fx | %.0f | %.1f | %.2f |%n", k, n,
                    row[0], row[1], row[2], row[2] / row[0], row[3], row[4] / (1 << 20),
                    row[4] / (1 << 20) / (row[2] / 1000));
        }
        stepBackAfter(10_000);
    }

    /** Milliseconds of one {@code run(n)} (repeated until at least 1 s has run), snapshots and bytes held. */
    private static double[] time(byte[] wasm, int n, TranslationLevel level, boolean record) {
        Instance instance = instantiate(wasm, level);
        Recording r = record ? instance.store().debugger().record(instance, Recording.DEFAULT_INTERVAL,
                Recording.DEFAULT_BUDGET_BYTES) : null;
        FunctionInstance run = instance.function("run");
        long start = System.nanoTime();
        int calls = 0;
        do {
            run.call(n);
            calls++;
        } while (System.nanoTime() - start < 1_000_000_000L && !record);
        double ms = (System.nanoTime() - start) / 1e6 / calls;
        return new double[] {ms, r == null ? 0 : r.snapshotCount(), r == null ? 0 : r.heldBytes()};
    }

    /** Records a kernel for {@code millis}, pauses it and times going back from there. */
    private static void stepBackAfter(long millis) throws Exception {
        byte[] wasm = Kernels.wasm("hash", "O0");
        Instance instance = instantiate(wasm, TranslationLevel.EXACT);
        var debugger = instance.store().debugger();
        Recording r = debugger.record(instance, Recording.DEFAULT_INTERVAL, Recording.DEFAULT_BUDGET_BYTES);
        long[] t = new long[6];
        int[] stop = {0};
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            long now = System.nanoTime();
            switch (stop[0]++) {
                case 0 -> {
                    t[0] = now;
                    t[3] = r.position();
                    t[4] = r.heldBytes();
                    t[5] = r.snapshotCount();
                    t[1] = System.nanoTime();
                    return Resume.STEP_BACK;
                }
                case 1 -> {
                    t[1] = now - t[1];
                    t[2] = System.nanoTime();
                    return Resume.STEP_BACK_INSTRUCTION;
                }
                case 2 -> {
                    t[2] = now - t[2];
                    return Resume.TERMINATE;
                }
                default -> {
                    return Resume.TERMINATE;
                }
            }
        });
        Thread pauser = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            debugger.requestPause();
        });
        long start = System.nanoTime();
        pauser.start();
        try {
            instance.function("run").call(Integer.MAX_VALUE / 4);
        } catch (dev.trapdoor.engine.debug.DebugTerminated expected) {
            // the handler ends the run after the steps back
        }
        double seconds = (t[0] - start) / 1e9;
        System.out.println();
        System.out.printf(Locale.ROOT, "hash-O0 recorded %.1f s (%d instructions, %d snapshots, interval %d): "
                + "step back one line %.0f ms, one instruction %.0f ms; held %.1f MiB, %.2f MiB per second%n",
                seconds, t[3], t[5], r.interval(), t[1] / 1e6, t[2] / 1e6, t[4] / 1048576.0,
                t[4] / 1048576.0 / seconds);
    }

    private static Instance instantiate(byte[] wasm, TranslationLevel level) {
        WasmModule module = Wasm.load(wasm);
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER).withTranslation(level));
        Instance instance = store.instantiate(module, (mod, name) -> {
            for (var imp : module.imports()) {
                if (imp.module().equals(mod) && imp.name().equals(name) && imp.desc() instanceof ImportDesc.Func f) {
                    return store.hostFunction(name, module.types().get(f.typeIndex()), (caller, a) -> {
                        throw NoWasi.called(mod, name);
                    });
                }
            }
            return null;
        });
        instance.invoke("_initialize");
        return instance;
    }
}
