package dev.trapdoor.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trapdoor.engine.testing.FreshJvm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tiered mode's sampler ticks only while an interpreter runs a program that no debugger holds: not while it is
 * idle, stopped at a breakpoint or stepping (a debug server's 50 sessions spend nearly all their time so), and still
 * while the program runs on after a continue, where it finds a loop called once and has it compiled. With
 * {@code -Dtrapdoor.jit.parkSampler=false} it ticks all the time, as before. A fresh JVM each
 * ({@link SamplerParkingMain}), since other tests' tiered stores would tick here.
 */
class SamplerParkingTest {
    @Test
    void theSamplerTicksOnlyWhileAProgramRunsFreely() throws IOException, InterruptedException {
        String out = FreshJvm.run(SamplerParkingMain.class);
        assertEquals(List.of("idle: none", "stopped: none", "stepping: none", "running: ticks", "compiled: true",
                "sum: " + expectedSum()), out.lines().toList(), out);
    }

    @Test
    void switchedOffItTicksAllTheTime() throws IOException, InterruptedException {
        String out = FreshJvm.run(SamplerParkingMain.class, "-Dtrapdoor.jit.parkSampler=false");
        assertEquals(List.of("idle: ticks", "stopped: ticks", "stepping: ticks", "running: ticks", "compiled: true",
                "sum: " + expectedSum()), out.lines().toList(), out);
    }

    /** The module's {@code main(300,000,000)}: the sum of i * i in 32-bit arithmetic. */
    private static int expectedSum() {
        int sum = 0;
        for (int i = 0; i < 300_000_000; i++) {
            sum += i * i;
        }
        return sum;
    }
}
