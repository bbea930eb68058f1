package dev.trapdoor.bench;

import dev.trapdoor.engine.debug.Breakpoint;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.TranslationLevel;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the interpreter's translation level costs, on the kernels: {@code optimized} (the default), {@code exact}
 * (every function one translated instruction per Wasm instruction), and {@code instruction-breakpoint}: optimized,
 * after an instruction breakpoint was set (and removed) in the function {@code run} calls most, which the debugger
 * retranslated exactly — that function alone, the rest stays optimized (setup checks it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class TranslationLevelBenchmark {
    @Param({"fib", "dispatch", "hash", "fsm", "bytes", "memops", "sort", "matmul", "stencil", "nbody", "trees",
        "printf"})
    public String workload;

    @Param({"O2", "O0"})
    public String opt;

    @Param({"optimized", "exact", "instruction-breakpoint"})
    public String level;

    private TrapdoorKernel kernel;
    private int n;
    private int expected;

    @Setup
    public void setup() {
        byte[] wasm = Kernels.wasm(workload, opt);
        n = Kernels.n(workload, "bench");
        expected = Kernels.expected(workload, "bench");
        boolean exact = level.equals("exact");
        kernel = TrapdoorKernel.load(wasm, EngineConfig.DEFAULT.withTranslation(
                exact ? TranslationLevel.EXACT : TranslationLevel.OPTIMIZED));
        if (level.equals("instruction-breakpoint")) {
            FunctionInstance run = kernel.function();
            Debugger debugger = run.instance().store().debugger();
            int hot = DebugTargets.mostCalled(run.instance(), run, Kernels.n(workload, "test"));
            int offset = run.instance().module().body(hot).bodyOffset();
            debugger.setEntryEvents(false);
            debugger.setHandler((event, frames) -> Resume.CONTINUE);
            Breakpoint bp = debugger.addInstructionBreakpoint(run.instance(), offset);
            debugger.removeBreakpoint(bp);
            kernel.run(Kernels.n(workload, "test"));
            List<FunctionInstance> exactNow = debugger.exactFunctions();
            if (exactNow.size() != 1 || exactNow.get(0).funcIndex() != hot) {
                throw new IllegalStateException("expected only function " + hot + " exact, got " + exactNow);
            }
        }
    }

    @Benchmark
    public int run() {
        int checksum = kernel.run(n);
        if (checksum != expected) {
            throw new IllegalStateException(level + " " + workload + "-" + opt + ": checksum " + checksum
                    + ", native " + expected);
        }
        return checksum;
    }
}
