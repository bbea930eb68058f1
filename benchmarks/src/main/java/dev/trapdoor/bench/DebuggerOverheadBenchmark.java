package dev.trapdoor.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a debugger costs on Trapdoor, on one kernel: the -O0 build of {@code hash} (debug builds are what people
 * step through, and its loop is hot and call-free). Only the baseline exists today.
 *
 * <p>TODO(debug API): each scenario below needs an engine debug API that is being written; add it as a
 * {@code @Benchmark} next to {@link #noDebugger} (same kernel, same n, so ResultsTable can print it as overhead over
 * the baseline) and remove it from {@link Scenario#pending}. Do not print a number for a scenario that is not
 * measured.
 * <ul>
 *   <li>{@code attachedIdle}: attach a debug handler/listener to the Store or Instance that receives stop events,
 *       with no breakpoints set; measures the cost of merely being debuggable.</li>
 *   <li>{@code coldBreakpoints}: set 100 breakpoints (by function index + code offset, or by source line) in
 *       functions the kernel never calls: needs a breakpoint-set API and a kernel function that is never run.</li>
 *   <li>{@code falseConditional}: one conditional breakpoint inside the hot loop whose condition (an expression over
 *       a local, e.g. {@code i == -1}) is never true: needs conditional breakpoints evaluated by the engine.</li>
 *   <li>{@code hitAutoContinue}: one breakpoint hit 10,000 times whose handler immediately resumes (or a hit
 *       counter + auto-continue option); reported in µs per hit: (time - baseline) / hits. Needs breakpoint hit
 *       callbacks that can resume and a way to count hits.</li>
 * </ul>
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
        ATTACHED_IDLE("debugger attached, idle", "attachedIdle", true),
        COLD_BREAKPOINTS("100 breakpoints in code never run", "coldBreakpoints", true),
        FALSE_CONDITIONAL("never-true conditional breakpoint in the hot loop", "falseConditional", true),
        HIT_AUTO_CONTINUE("breakpoint hit 10,000 times, auto-continue (µs per hit)", "hitAutoContinue", true);

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

    private Kernel kernel;
    private int n;
    private int expected;

    @Setup
    public void setup() {
        kernel = Engine.TRAPDOOR.load(Kernels.wasm(WORKLOAD, OPT));
        n = Kernels.n(WORKLOAD, "bench");
        expected = Kernels.expected(WORKLOAD, "bench");
    }

    @Benchmark
    public int noDebugger() {
        int checksum = kernel.run(n);
        if (checksum != expected) {
            throw new IllegalStateException("checksum " + checksum + ", native " + expected);
        }
        return checksum;
    }
}
