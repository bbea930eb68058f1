package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Tier;
import org.junit.jupiter.api.Test;

/** The cold-breakpoint row really sets 100 breakpoints that the measured call never reaches, on the compiled tier. */
class DebuggerCpuRunTest {
    @Test
    void coldBreakpointsAreSetAndNeverHit() {
        byte[] wasm = Kernels.wasm(DebuggerOverheadBenchmark.WORKLOAD, DebuggerOverheadBenchmark.OPT);
        FunctionInstance run = TrapdoorKernel.load(wasm, Tier.COMPILED).function();
        assertEquals(100, DebuggerCpuRun.prepare("cold", run));
        assertEquals(100, run.instance().store().debugger().breakpoints().size());
        int n = Kernels.n(DebuggerOverheadBenchmark.WORKLOAD, "bench");
        // The handler throws on any stop, so a breakpoint the call reaches fails here.
        assertEquals(Kernels.expected(DebuggerOverheadBenchmark.WORKLOAD, "bench"), (int) run.call(n)[0]);
    }

    @Test
    void unknownScenarioIsRefused() {
        byte[] wasm = Kernels.wasm(DebuggerOverheadBenchmark.WORKLOAD, DebuggerOverheadBenchmark.OPT);
        FunctionInstance run = TrapdoorKernel.load(wasm, Tier.COMPILED).function();
        assertThrows(IllegalArgumentException.class, () -> DebuggerCpuRun.prepare("warm", run));
    }
}
