package dev.trapdoor.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tiered mode's sampler wakes every few milliseconds; a process that never makes a tiered store (the interpreter
 * tier, a debug session's exact runs) must not pay for it. A fresh JVM ({@link SamplerThreadMain}), since this
 * test JVM's other tests start the sampler.
 */
class SamplerThreadTest {
    @Test
    void onlyATieredStoreStartsTheSampler() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SamplerThreadMain.class.getName())).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "still running after 120 s: " + out);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("INTERPRETER: no sampler", "TIERED: sampler"), out.lines().toList(), out);
    }
}
