package dev.trapdoor.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trapdoor.engine.testing.FreshJvm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dtrapdoor.jit.tierUpThreshold} and {@code -Dtrapdoor.jit.hotTicks}, the two knobs for measuring the tiered
 * mode's triggers: 50 calls compile a function under a threshold of 40 and not under the default 1,000; a loop that
 * runs about a second is found by the sampler under the default 3 ticks and not under a million. A fresh JVM each
 * ({@link TieringPropertiesMain}), since both are read once; compilation starts at once there
 * ({@code startDelayMs=0}).
 */
class TieringPropertiesTest {
    @Test
    void theDefaultsCompileTheLoopButNotTheFunctionCalled50Times() throws IOException, InterruptedException {
        String out = FreshJvm.run(TieringPropertiesMain.class, "-Dtrapdoor.jit.startDelayMs=0");
        assertEquals(List.of("inc compiled: false", "spin compiled: true"), out.lines().toList(), out);
    }

    @Test
    void aLowerThresholdCompilesAfter50CallsAndManyTicksLeaveTheLoopInterpreted()
            throws IOException, InterruptedException {
        String out = FreshJvm.run(TieringPropertiesMain.class, "-Dtrapdoor.jit.startDelayMs=0",
                "-Dtrapdoor.jit.tierUpThreshold=40", "-Dtrapdoor.jit.hotTicks=1000000");
        assertEquals(List.of("inc compiled: true", "spin compiled: false"), out.lines().toList(), out);
    }
}
