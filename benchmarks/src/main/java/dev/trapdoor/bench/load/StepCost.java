package dev.trapdoor.bench.load;

import com.google.gson.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code StepCost LAUNCHER EXAMPLES_DIR [SESSIONS] [ROUNDS]}: what each step of {@link DapLoad}'s load costs the
 * server. SESSIONS (default 50) sessions of examples/debugme.wasm (a breakpoint in sum's loop, its 10 line steps,
 * run to exit) in strict lock-step: every phase starts when every session has ended the one before, and each step
 * index has a "next" phase (next -> stopped) and an "after" phase (stackTrace, scopes, variables). Prints the server's
 * CPU in each phase by thread group, read from {@code /proc/PID/task/TID/schedstat} (nanoseconds; {@code stat} counts
 * 10 ms ticks), and the sessions' median and slowest time in it. ROUNDS (default 2) runs the load again on the same
 * server: round 1 meets a fresh process, later rounds a warm one. With PHASES=1 in the environment it also prints each
 * phase's wall-clock window (epoch ms), to cut a profile by. Lock-step is not how {@link DapLoad}'s sessions run, so
 * latencies here are not its latencies; the CPU per phase is what to compare (benchmarks/RESULTS.md, session 21).
 */
public final class StepCost {
    private static final int STEPS = 10;
    /** A "next" and an "after" phase per step, then the run to exit. */
    private static final int PHASES = 2 * STEPS + 1;

    private StepCost() {
    }

    public static void main(String[] args) throws Exception {
        Path examples = Path.of(args[1]).toAbsolutePath();
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Process server = new ProcessBuilder(args[0], "dap", "--port", "0", "--max-sessions",
                Integer.toString(sessions + 10)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String listening = lines.readLine();
            while (listening != null && !listening.matches(".*:\\d+$")) {
                listening = lines.readLine();
            }
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
            ThreadCpu cpu = new ThreadCpu(server.pid());
            for (int round = 1; round <= rounds; round++) {
                round(round, port, examples, sessions, cpu);
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void round(int round, int port, Path examples, int sessions, ThreadCpu cpu) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(sessions + 1);
        long[][] times = new long[PHASES][sessions];
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int id = s;
            Thread t = new Thread(() -> {
                try {
                    session(id, port, examples, barrier, times);
                } catch (Exception e) {
                    e.printStackTrace();
                    barrier.reset();
                }
            }, "session-" + s);
            t.start();
            threads.add(t);
        }
        barrier.await(); // every session stopped at its breakpoint
        Thread.sleep(1500); // past the engine's translation ahead, 1 s after the first stop
        List<Map<String, Long>> at = new ArrayList<>();
        at.add(cpu.byGroup());
        boolean windows = System.getenv("PHASES") != null;
        for (int p = 0; p < PHASES; p++) {
            long from = System.currentTimeMillis();
            barrier.await(); // the phase starts
            barrier.await(); // every session has ended it
            at.add(cpu.byGroup());
            if (windows) {
                System.out.printf("phase %d %d %d%n", p, from, System.currentTimeMillis());
            }
            Thread.sleep(20); // the phase's last writes settle before the next one starts
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("round %d, %d sessions (load %s)%n", round, sessions,
                Files.readString(Path.of("/proc/loadavg")).trim());
        for (int p = 0; p < PHASES; p++) {
            print(p, at.get(p), at.get(p + 1), times[p], sessions);
        }
    }

    private static void print(int phase, Map<String, Long> before, Map<String, Long> after, long[] times,
                              int sessions) {
        StringBuilder groups = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> g : after.entrySet()) {
            long ns = g.getValue() - before.getOrDefault(g.getKey(), 0L);
            total += ns;
            if (ns > 500_000) {
                groups.append(String.format(" %s %.1f", g.getKey(), ns / 1e6));
            }
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        String name = phase == PHASES - 1 ? "exit" : (phase % 2 == 0 ? "next #" : "after #") + phase / 2;
        System.out.printf("  %-9s cpu %6.1f ms (%.2f/session), per-session median %.1f max %.1f ms |%s%n", name,
                total / 1e6, total / 1e6 / sessions, sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6,
                groups);
    }

    private static void session(int id, int port, Path examples, CyclicBarrier barrier, long[][] times)
            throws Exception {
        try (LoadClient c = new LoadClient(port)) {
            JsonObject init = new JsonObject();
            init.addProperty("adapterID", "load");
            init.addProperty("linesStartAt1", true);
            c.response(c.send("initialize", init), e -> { });
            JsonObject launch = new JsonObject();
            launch.addProperty("program", examples.resolve("debugme.wasm").toString());
            launch.addProperty("cwd", examples.toString());
            c.response(c.send("launch", launch), e -> { });
            c.response(c.send("setBreakpoints", LoadClient.breakpoints(examples, 23)), e -> { });
            c.response(c.send("configurationDone", null), e -> { });
            c.event("stopped");
            barrier.await();
            JsonObject thread = new JsonObject();
            thread.addProperty("threadId", 1);
            for (int i = 0; i < STEPS; i++) {
                barrier.await();
                long t0 = System.nanoTime();
                c.response(c.send("next", thread), e -> { });
                c.event("stopped");
                times[2 * i][id] = System.nanoTime() - t0;
                barrier.await();
                barrier.await();
                t0 = System.nanoTime();
                atStop(c, thread);
                times[2 * i + 1][id] = System.nanoTime() - t0;
                barrier.await();
            }
            barrier.await();
            long t0 = System.nanoTime();
            c.response(c.send("setBreakpoints", LoadClient.breakpoints(examples)), e -> { });
            c.response(c.send("continue", thread), e -> { });
            c.event("terminated");
            c.response(c.send("disconnect", null), e -> { });
            times[PHASES - 1][id] = System.nanoTime() - t0;
            barrier.await();
        }
    }

    /** What {@link DapLoad} asks at each stop. */
    private static void atStop(LoadClient c, JsonObject thread) throws IOException {
        JsonObject trace = c.response(c.send("stackTrace", thread), e -> { });
        JsonObject scopesArgs = new JsonObject();
        scopesArgs.addProperty("frameId", trace.getAsJsonObject("body").getAsJsonArray("stackFrames").get(0)
                .getAsJsonObject().get("id").getAsInt());
        JsonObject scopes = c.response(c.send("scopes", scopesArgs), e -> { });
        JsonObject vars = new JsonObject();
        vars.addProperty("variablesReference", scopes.getAsJsonObject("body").getAsJsonArray("scopes").get(0)
                .getAsJsonObject().get("variablesReference").getAsInt());
        c.response(c.send("variables", vars), e -> { });
    }

    /** The server's threads' CPU so far, by group; a thread that ended counts with its last reading. */
    private static final class ThreadCpu {
        private final long pid;
        /** Thread id -> {name, ns}. */
        private final Map<String, Object[]> seen = new HashMap<>();

        ThreadCpu(long pid) {
            this.pid = pid;
        }

        Map<String, Long> byGroup() throws IOException {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim();
                        long ns = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                        seen.put(task.getFileName().toString(), new Object[] {name, ns});
                    } catch (IOException | RuntimeException ended) {
                        // the thread ended between the listing and the read: its last reading stands
                    }
                }
            }
            Map<String, Long> groups = new TreeMap<>();
            for (Object[] t : seen.values()) {
                // One word per group: this tool prints them space-separated.
                String group = DapLoad.group((String) t[0]).replace(" compiler", "").replace(' ', '-');
                groups.merge(group, (Long) t[1], Long::sum);
            }
            return groups;
        }
    }
}
