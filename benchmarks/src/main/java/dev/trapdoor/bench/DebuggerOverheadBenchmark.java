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

import dev.trapdoor.engine.debug.DebugHandler;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Tier;

import java.util.List;

/**
 * What a debugger costs on Trapdoor, on one kernel: the -O0 build of {@code hash} (debug builds are what people
 * step through, and its loop is hot and call-free). Every scenario runs the same kernel and n as the baseline, except
 * the hit-cost pair, which runs n = {@value #HIT_N} with and without a breakpoint at the loop header (hit once per
 * iteration) so the table can give microseconds per hit.
 *
 * <p>The conditional breakpoint's condition is evaluated the way a DAP server does it: in the handler, on the engine
 * thread, reading a Wasm local of the stopped frame ({@code local 0 == -1}, never true since it is n).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class DebuggerOverheadBenchmark {
    public static final String WORKLOAD = "hash";
    public static final String OPT = "O0";

    /** The rows of the debugger-overhead table, in order. */
    public enum Scenario {
        NO_DEBUGGER("no debugger", "noDebugger", false),
        ATTACHED_IDLE("debugger attached, idle", "attachedIdle", false),
        COLD_BREAKPOINTS("100 breakpoints in code never run", "coldBreakpoints", false),
        FALSE_CONDITIONAL("never-true conditional breakpoint in the hot loop", "falseConditional", false),
        HIT_BASELINE("no debugger, n = 10,000 (baseline of the next row)", "hitBaseline", false),
        HIT_AUTO_CONTINUE("breakpoint hit 10,000 times, auto-continue", "hitAutoContinue", false);

        public final String label;
        /** The @Benchmark method name that measures it. */
        public final String method;
        /** True while the debug API it needs does not exist: the table prints n/a. */
        public final boolean pending;

        Scenario(String label, String method, boolean pending) {
            this.label = label;
            this.method = method;
            this.pending = pending;
        }
    }

    /** Loop iterations in the hit-cost pair: the breakpoint at the loop header is hit this many times (+1). */
    public static final int HIT_N = 10_000;

    /** The tier every scenario runs in: the goal for an idle debugger holds on both. */
    @Param({"INTERPRETER"})
    public String tier;

    private int n;
    private int expected;
    private FunctionInstance plain;
    private FunctionInstance idle;
    private FunctionInstance cold;
    private FunctionInstance conditional;
    private FunctionInstance hitting;
    private long hits;

    @Setup
    public void setup() {
        byte[] wasm = Kernels.wasm(WORKLOAD, OPT);
        n = Kernels.n(WORKLOAD, "bench");
        expected = Kernels.expected(WORKLOAD, "bench");
        plain = TrapdoorKernel.load(wasm, Tier.valueOf(tier)).function();
        idle = TrapdoorKernel.load(wasm, Tier.valueOf(tier)).function();
        debugger(idle).setEntryEvents(false);
        debugger(idle).setHandler((event, frames) -> Resume.CONTINUE);

        cold = TrapdoorKernel.load(wasm, Tier.valueOf(tier)).function();
        List<Integer> neverRun = DebugTargets.neverRun(cold.instance(), cold, HIT_N);
        if (neverRun.isEmpty()) {
            throw new IllegalStateException(WORKLOAD + " has no function that run() never enters");
        }
        debugger(cold).setEntryEvents(false);
        debugger(cold).setHandler((event, frames) -> {
            throw new IllegalStateException("a breakpoint in code that never runs was hit: " + event);
        });
        for (int i = 0; i < 100; i++) {
            debugger(cold).addBreakpoint(cold.instance(), neverRun.get(i * neverRun.size() / 100));
        }

        conditional = TrapdoorKernel.load(wasm, Tier.valueOf(tier)).function();
        atLoopHeader(conditional, (event, frames) -> frames.get(0).local(0) == -1 ? Resume.STEP_OVER
                : Resume.CONTINUE);
        hitting = TrapdoorKernel.load(wasm, Tier.valueOf(tier)).function();
        atLoopHeader(hitting, (event, frames) -> {
            hits++;
            return Resume.CONTINUE;
        });
        hits = 0;
        check(hitting, HIT_N);
        if (hits < HIT_N) {
            throw new IllegalStateException("the loop-header breakpoint was hit " + hits + " times, not " + HIT_N);
        }
    }

    private static Debugger debugger(FunctionInstance f) {
        return f.instance().store().debugger();
    }

    private static void atLoopHeader(FunctionInstance f, DebugHandler handler) {
        Debugger d = debugger(f);
        d.setEntryEvents(false);
        d.setHandler(handler);
        d.addBreakpoint(f.instance(), DebugTargets.loopHeader(f.instance().module(), f.funcIndex()));
    }

    private int check(FunctionInstance f, int count) {
        int checksum = (int) f.call(count)[0];
        if (count == n && checksum != expected) {
            throw new IllegalStateException("checksum " + checksum + ", native " + expected);
        }
        return checksum;
    }

    @Benchmark
    public int noDebugger() {
        return check(plain, n);
    }

    @Benchmark
    public int attachedIdle() {
        return check(idle, n);
    }

    @Benchmark
    public int coldBreakpoints() {
        return check(cold, n);
    }

    @Benchmark
    public int falseConditional() {
        return check(conditional, n);
    }

    @Benchmark
    public int hitBaseline() {
        return check(plain, HIT_N);
    }

    @Benchmark
    public int hitAutoContinue() {
        return check(hitting, HIT_N);
    }
}
