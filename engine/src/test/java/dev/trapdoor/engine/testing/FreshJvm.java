package dev.trapdoor.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's main class in a JVM of its own, with this JVM's class path: for what a shared test JVM cannot show
 * (a small heap, threads no other test has started).
 */
public final class FreshJvm {
    private FreshJvm() {
    }

    /**
     * Runs {@code main} with {@code jvmOptions}; asserts that it ends within 120 s with status 0 and returns its
     * output (stdout and stderr together).
     */
    public static String run(Class<?> main, String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "still running after 120 s: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
