package dev.trapdoor.bench;

import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Tier;
import java.util.List;

/**
 * One row of the debugger-overhead table by this thread's CPU time, in a JVM that holds only that row's store.
 * {@link DebuggerOverheadBenchmark} sets up every scenario's store in each fork, so C2's profile of the engine's
 * shared code mixes them and the order of the rows moves the result (session 10 saw 1.31x and "no cost" for the same
 * code); here each JVM sees one scenario, and a shell loop alternates them:
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.DebuggerCpuRun none|idle|cold TIER [warmupSeconds] [calls]}
 *
 * <p>{@code none}: no debugger; {@code idle}: a debugger attached with a handler and nothing set; {@code cold}: 100
 * breakpoints in functions that {@code run} never enters. The kernel is hash-O0, as in the JMH table; prints the
 * median and the minimum ms per call.
 */
public final class DebuggerCpuRun {
    private DebuggerCpuRun() {
    }

    public static void main(String[] args) {
        String scenario = args[0];
        Tier tier = Tier.valueOf(args[1]);
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        String workload = DebuggerOverheadBenchmark.WORKLOAD;
        byte[] wasm = Kernels.wasm(workload, DebuggerOverheadBenchmark.OPT);
        int n = Kernels.n(workload, "bench");
        int expected = Kernels.expected(workload, "bench");
        FunctionInstance run = TrapdoorKernel.load(wasm, tier).function();
        prepare(scenario, run);
        CpuTiming t = CpuTiming.measure(() -> (int) run.call(n)[0], expected, workload, warmupSeconds, calls);
        System.out.printf("%s %s %s-%s median %.4f min %.4f ms%n", scenario, tier, workload,
                DebuggerOverheadBenchmark.OPT, t.median(), t.min());
    }

    /** Puts {@code run}'s store in the scenario's state; returns how many breakpoints it set. */
    static int prepare(String scenario, FunctionInstance run) {
        switch (scenario) {
            case "none":
                return 0;
            case "idle":
                debugger(run).setEntryEvents(false);
                debugger(run).setHandler((event, frames) -> Resume.CONTINUE);
                return 0;
            case "cold":
                List<Integer> neverRun = DebugTargets.neverRun(run.instance(), run, DebuggerOverheadBenchmark.HIT_N);
                if (neverRun.isEmpty()) {
                    throw new IllegalStateException("the kernel has no function that run() never enters");
                }
                debugger(run).setEntryEvents(false);
                debugger(run).setHandler((event, frames) -> {
                    throw new IllegalStateException("a breakpoint in code that never runs was hit: " + event);
                });
                for (int i = 0; i < 100; i++) {
                    debugger(run).addBreakpoint(run.instance(), neverRun.get(i * neverRun.size() / 100));
                }
                return 100;
            default:
                throw new IllegalArgumentException("scenario: none, idle or cold, not " + scenario);
        }
    }

    private static Debugger debugger(FunctionInstance f) {
        return f.instance().store().debugger();
    }
}
