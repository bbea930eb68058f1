package dev.trapdoor.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JIT settings {@code bin/trapdoor dap --port} gives a server for many clients: the interpreter's poll points
 * compiled at a tenth of the counts (so that the warm-up takes them to C2 before the port opens;
 * benchmarks/RESULTS.md, session 30), left out with {@code TRAPDOOR_NO_EARLY_POLL=1}; either way the JVM echoes none
 * of its per-method commands, so the server's first line on stdout is the one a client waits for.
 */
class DapPortJitSettingsIT {
    private static final String EARLY_POLL =
            "-XX:CompileCommand=CompileThresholdScaling,dev.trapdoor.engine.exec.Interpreter::poll*,0.1";

    @Test
    void pollPointsAreCompiledEarlyByDefault() throws Exception {
        List<String> args = serverArguments(Map.of());
        assertTrue(args.contains(EARLY_POLL), args.toString());
        assertTrue(args.indexOf("-XX:CompileCommand=quiet") < args.indexOf(EARLY_POLL), args.toString());
    }

    @Test
    void switchLeavesTheEarlyPollOut() throws Exception {
        List<String> args = serverArguments(Map.of("TRAPDOOR_NO_EARLY_POLL", "1"));
        assertFalse(args.stream().anyMatch(a -> a.contains("Interpreter::poll")), args.toString());
        // The launcher's other settings for a server stay.
        assertTrue(args.contains("-XX:Tier0InvokeNotifyFreqLog=3"), args.toString());
    }

    @Test
    void javaOptionsWithTheirOwnScalingLeaveItOut() throws Exception {
        // Quiet too: the JVM echoes a user's per-method command on stdout unless told not to.
        List<String> args = serverArguments(Map.of("TRAPDOOR_JAVA_OPTS", "-XX:CompileCommand=quiet "
                + "-XX:CompileCommand=CompileThresholdScaling,dev.trapdoor.engine.exec.Interpreter::run,1.0"));
        assertFalse(args.contains(EARLY_POLL), args.toString());
    }

    /**
     * Starts {@code bin/trapdoor dap --port 0} with {@code env} added, checks that its first line on stdout is the
     * listening line, and returns the JVM's arguments (the launcher execs java, so the process is the JVM).
     */
    private static List<String> serverArguments(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap", "--port", "0")
                .directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"),
                        "trapdoor-dap-jit-settings-it.log")));
        pb.environment().putAll(env);
        Process server = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(first != null && DapTcpIT.LISTENING.matcher(first).find(), "first line: " + first);
            return List.of(server.info().arguments().orElseThrow(() -> new AssertionError("no arguments seen")));
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
