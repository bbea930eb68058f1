package dev.trapdoor.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trapdoor.engine.testing.FreshJvm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tiered mode's sampler wakes every few milliseconds; a process that never makes a tiered store (the interpreter
 * tier, a debug session's exact runs) must not pay for it. A fresh JVM ({@link SamplerThreadMain}), since this
 * test JVM's other tests start the sampler.
 */
class SamplerThreadTest {
    @Test
    void onlyATieredStoreStartsTheSampler() throws IOException, InterruptedException {
        String out = FreshJvm.run(SamplerThreadMain.class);
        assertEquals(List.of("INTERPRETER: no sampler", "TIERED: sampler"), out.lines().toList(), out);
    }
}
