package dev.trapdoor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark thread's CPU time per call in each JMH iteration, printed in the iteration's output as
 * {@code cpu N us/call} ({@code benchmarks/simd.sh} collects them per fork). On a machine shared with other processes
 * the wall-clock score measures their load; CPU time per call measures our code. (A JMH {@code @AuxCounters} result
 * would be summed over the iterations.) A benchmark takes this state as a parameter and calls {@link #called()} once
 * per call.
 */
@State(Scope.Thread)
public class CpuPerCall {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long calls;
    private long cpuStart;

    @Setup(Level.Iteration)
    public void start() {
        calls = 0;
        cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        System.out.printf("  cpu %.1f us/call (at %.1f s)%n", calls == 0 ? 0 : cpu / 1e3 / calls,
                ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
    }

    void called() {
        calls++;
    }
}
