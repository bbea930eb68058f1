package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process age behind the tiered mode's start delay, and the delay it leaves. */
class ProcessAgeTest {
    @Test
    void theAgeIsTheJvmsUptimeToAFewTicks() throws InterruptedException {
        if (!Files.exists(Path.of("/proc/self/stat"))) {
            System.err.println("*** ProcessAgeTest: no /proc here; the tiered mode compiles without a start delay");
            Assumptions.abort("no /proc");
        }
        long before = ManagementFactory.getRuntimeMXBean().getUptime();
        long age = ProcessAge.millis();
        long after = ManagementFactory.getRuntimeMXBean().getUptime();
        // The process starts a little before the JVM counts its uptime; /proc counts in 10 ms ticks.
        assertTrue(age >= before - 30 && age <= after + 1000, "age " + age + " ms, JVM uptime " + before + "-" + after);
        Thread.sleep(100);
        long later = ProcessAge.millis();
        assertTrue(later - age >= 80 && later - age < 5000, "100 ms later the age went from " + age + " to " + later);
    }

    @Test
    void compilationWaitsOnlyForWhatIsLeftOfTheDelay() {
        assertEquals(Tiering.START_DELAY_MS, Tiering.startDelayLeft(0));
        assertEquals(Tiering.START_DELAY_MS - 100, Tiering.startDelayLeft(100));
        assertEquals(0, Tiering.startDelayLeft(Tiering.START_DELAY_MS + 1));
        assertEquals(0, Tiering.startDelayLeft(-1), "an unknown age means no delay");
    }
}
