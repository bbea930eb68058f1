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
 * interpreter (optimized and exact translation) and recorded, each in a JVM of its own and in steady state; then a
 * kernel recorded for about 10 s, paused, and the time one step back (a line, where the kernels' lines are single
 * instructions: they have no DWARF) and one instruction back take, with what the recording holds per second.
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.RecordingRun [KERNEL-OPT...]} (default sort-O0 hash-O2
 * matmul-O2 fsm-O2)
 */
public final class RecordingRun {
    private RecordingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--one")) {
            String[] parts = args[2].split("-");
            double[] r = steady(Kernels.wasm(parts[0], parts[1]), Kernels.n(parts[0], "bench"), args[1]);
            System.out.printf(Locale.ROOT, "%f %f %f%n", r[0], r[1], r[2]);
            return;
        }
        if (args.length == 1 && args[0].equals("--step-back")) {
            stepBackAfter(10_000);
            return;
        }
        List<String> kernels = args.length > 0 ? List.of(args) : List.of("sort-O0", "hash-O2", "matmul-O2", "fsm-O2");
        System.out.println("| kernel | n | interpreter CPU ms | exact CPU ms | recorded CPU ms | recorded / exact "
                + "| recorded / interpreter | recorded on optimized code CPU ms | that / interpreter | snapshots "
                + "| held MiB | MiB per recorded s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String k : kernels) {
            int n = Kernels.n(k.split("-")[0], "bench");
            double plain = child("plain", k)[0];
            double exact = child("exact", k)[0];
            double[] recorded = child("recorded", k);
            double fused = child("recorded-optimized", k)[0];
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.2fx | %.2fx | %.1f | %.2fx | %.0f "
                    + "| %.1f | %.2f |%n", k, n, plain, exact, recorded[0], recorded[0] / exact, recorded[0] / plain,
                    fused, fused / plain, recorded[1], recorded[2] / (1 << 20),
                    recorded[2] / (1 << 20) / (recorded[0] / 1000));
        }
        System.out.println();
        child("--step-back", null);
    }

    /**
     * Runs one measurement in a JVM of its own: the dispatch loop is one large method whose JIT profile a mix of
     * plain and recorded runs in one process would pollute (a recorded run's first {@code BREAK} deoptimizes a loop
     * compiled without one), and a user's process runs one mode.
     */
    private static double[] child(String mode, String kernel) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), RecordingRun.class.getName()));
        if (kernel == null) {
            cmd.add(mode);
        } else {
            cmd.addAll(List.of("--one", mode, kernel));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        if (kernel == null) {
            System.out.print(out);
            return null;
        }
        String[] f = out.trim().split(" ");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    /**
     * The least CPU milliseconds of one {@code run(n)} in steady state (calls for 3 s of CPU time to warm up, and on
     * until no JIT compilation finished for half a second of it, then at least 5 calls and 2 s of CPU time), with the
     * snapshots and bytes a recorded call ends with. A recorded call records the whole call: each call is a new
     * outermost invocation, which starts the recording afresh.
     */
    private static double[] steady(byte[] wasm, int n, String mode) {
        // recorded-optimized: Debugger.record's switch for recording the optimized translation (what the DAP records).
        boolean fused = mode.equals("recorded-optimized");
        boolean record = mode.equals("recorded") || fused;
        Instance instance = instantiate(wasm, mode.equals("plain") || fused ? TranslationLevel.OPTIMIZED
                : TranslationLevel.EXACT);
        Recording r = record ? instance.store().debugger().record(instance, Recording.DEFAULT_INTERVAL,
                Recording.DEFAULT_BUDGET_BYTES, fused) : null;
        FunctionInstance run = instance.function("run");
        // CPU time of this thread, not wall-clock time: the machine is shared, and other processes' load would
        // otherwise show in every figure. The warm-up counts CPU time too: on a loaded machine 3 s of wall-clock
        // time can end before the JIT has compiled the dispatch loop, and the calls measured would be C1's.
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long warm = cpu.getCurrentThreadCpuTime();
        // Warm until the JIT is done as well: at load 20 the compiler threads lag this one, and a call measured
        // before C2 installed the dispatch loop ran C1's code (exact rows came out 2x). Steady means no compilation
        // finished during the last half second of this thread's CPU time.
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long quietSince = warm;
        long compiled = jit.getTotalCompilationTime();
        for (long now = warm; now - warm < 3_000_000_000L || now - quietSince < 500_000_000L;
                now = cpu.getCurrentThreadCpuTime()) {
            if (now - warm > 30_000_000_000L) {
                break;
            }
            run.call(n);
            long c = jit.getTotalCompilationTime();
            if (c != compiled) {
                compiled = c;
                quietSince = cpu.getCurrentThreadCpuTime();
            }
        }
        List<Double> times = new java.util.ArrayList<>();
        long start = cpu.getCurrentThreadCpuTime();
        while (times.size() < 5 || cpu.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
            long t = cpu.getCurrentThreadCpuTime();
            run.call(n);
            times.add((cpu.getCurrentThreadCpuTime() - t) / 1e6);
        }
        // The fastest call: on a shared machine the others carry the interference of other processes.
        java.util.Collections.sort(times);
        return new double[] {times.get(0), r == null ? 0 : r.snapshotCount(),
                r == null ? 0 : r.heldBytes()};
    }

    /**
     * Records a kernel for {@code millis}, pauses it and times going back from there: three line steps back, then
     * three instruction steps back, each in wall-clock and in the engine thread's CPU time (the first of each kind
     * pays for the JIT: the first rewind throws out of the compiled dispatch loop).
     */
    private static void stepBackAfter(long millis) throws Exception {
        byte[] wasm = Kernels.wasm("hash", "O0");
        // As the DAP's record launch does: the optimized translation, counted in exact instructions.
        Instance instance = instantiate(wasm, TranslationLevel.OPTIMIZED);
        var debugger = instance.store().debugger();
        Recording r = debugger.record(instance, Recording.DEFAULT_INTERVAL, Recording.DEFAULT_BUDGET_BYTES, true);
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        Resume[] steps = {Resume.STEP_BACK, Resume.STEP_BACK, Resume.STEP_BACK, Resume.STEP_BACK_INSTRUCTION,
            Resume.STEP_BACK_INSTRUCTION, Resume.STEP_BACK_INSTRUCTION};
        long[] wall = new long[steps.length + 1];
        long[] cpuAt = new long[steps.length + 1];
        long[] atPause = new long[4];
        int[] stop = {0};
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            int k = stop[0]++;
            if (k <= steps.length) {
                wall[k] = System.nanoTime();
                cpuAt[k] = cpu.getCurrentThreadCpuTime();
            }
            if (k == 0) {
                atPause[0] = r.position();
                atPause[1] = r.heldBytes();
                atPause[2] = r.snapshotCount();
                atPause[3] = r.interval();
            }
            return k < steps.length ? steps[k] : Resume.TERMINATE;
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
        long startCpu = cpu.getCurrentThreadCpuTime();
        pauser.start();
        try {
            instance.function("run").call(Integer.MAX_VALUE / 4);
        } catch (dev.trapdoor.engine.debug.DebugTerminated expected) {
            // the handler ends the run after the steps back
        }
        double seconds = (wall[0] - start) / 1e9;
        double cpuSeconds = (cpuAt[0] - startCpu) / 1e9;
        System.out.printf(Locale.ROOT, "hash-O0 recorded %.1f s (%.1f s CPU; %d instructions, %.1f M per CPU s; %d "
                + "snapshots, interval %d); held %.1f MiB, %.2f MiB per second%n", seconds, cpuSeconds, atPause[0],
                atPause[0] / cpuSeconds / 1e6, atPause[2], atPause[3], atPause[1] / 1048576.0,
                atPause[1] / 1048576.0 / seconds);
        StringBuilder line = new StringBuilder("steps back, ms wall / CPU:");
        for (int k = 0; k < steps.length; k++) {
            line.append(String.format(Locale.ROOT, " %s %.0f/%.0f", steps[k].kind() == Resume.Kind.STEP_BACK
                    ? "line" : "instruction", (wall[k + 1] - wall[k]) / 1e6, (cpuAt[k + 1] - cpuAt[k]) / 1e6));
        }
        System.out.println(line);
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
