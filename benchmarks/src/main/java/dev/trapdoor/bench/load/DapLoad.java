package dev.trapdoor.bench.load;

import com.google.gson.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DapLoad JAR|LAUNCHER EXAMPLES_DIR [SESSIONS] [STEPS] [ROUNDS] [warm-client]}: starts {@code java -jar JAR dap --port 0} (or
 * {@code LAUNCHER dap --port 0}, e.g. {@code bin/trapdoor}, which reads TRAPDOOR_JAVA_OPTS itself) and runs SESSIONS
 * concurrent sessions on examples/debugme.wasm: launch, a breakpoint in sum's loop, STEPS line steps each followed by
 * what an editor asks at a stop (stackTrace, scopes, variables), then run to exit. Prints lost responses and events,
 * step round-trip percentiles (also per step index), the server's peak RSS and threads, its heap while every session
 * is stopped, and its CPU by thread group before and after that moment. ROUNDS (default 1) runs the same load again
 * on the same server once the previous round has ended: a later round meets a JVM that has already run every request
 * of the load, so the first round's excess over it is the fresh process's warm-up (classes, call sites, the JIT).
 * A sixth argument {@code warm-client} first runs one round against a throwaway server, so that the measured (fresh)
 * server meets a client whose own JVM has compiled its code: a cold client's compiles share the two cores with the
 * server's first steps (benchmarks/RESULTS.md, session 19).
 */
public final class DapLoad {
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    /**
     * Every step: {wall-clock ms when it was sent, round trip ns, its index in the session, the session's number,
     * wall-clock µs when it was sent}.
     */
    private static final List<long[]> STEPS = Collections.synchronizedList(new ArrayList<>());
    /** When the sessions were let go to step (wall-clock ms): to line the server's GC log up with the steps. */
    private static volatile long steppingFrom;
    /** Wall-clock µs at {@link #NANO_BASE}: step times in µs without a clock read per step's millisecond. */
    private static final long EPOCH_MICROS_BASE = System.currentTimeMillis() * 1000;
    private static final long NANO_BASE = System.nanoTime();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path examples = Path.of(args[1]).toAbsolutePath();
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        boolean clientWarmUp = args.length > 5 && args[5].equals("warm-client");
        List<String> command = new ArrayList<>();
        if (jar.toString().endsWith(".jar")) {
            command.add("java");
            // The server's JVM options as bin/trapdoor passes them (e.g. a heap size, or a flight recording).
            String opts = System.getenv("TRAPDOOR_JAVA_OPTS");
            if (opts != null && !opts.isBlank()) {
                command.addAll(List.of(opts.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.add(jar.toString()); // bin/trapdoor: the server as users start it (its archive, its collector)
        }
        command.addAll(List.of("dap", "--port", "0", "--max-sessions", Integer.toString(sessions + 10)));
        if (clientWarmUp) {
            // The client is a JVM of 50 threads that parses every message: cold, its own compiles share the two cores
            // with the server's first steps. One round against a throwaway server warms the client only.
            System.out.println("client warm-up on a throwaway server");
            serve(command, examples, sessions, steps, 1, true);
        }
        serve(command, examples, sessions, steps, rounds, false);
    }

    private static void serve(List<String> command, Path examples, int sessions, int steps, int rounds,
            boolean quiet) throws Exception {
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String listening = lines.readLine();
            while (listening != null && !listening.matches(".*:\\d+$")) {
                listening = lines.readLine(); // the JVM's own lines, e.g. a flight recording starting
            }
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) {
                    System.out.printf("round %d of %d%n", round, rounds);
                }
                run(server.pid(), port, examples, sessions, steps, quiet);
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(long pid, int port, Path examples, int sessions, int steps, boolean quiet)
            throws Exception {
        STEPS.clear();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> warm = Collections.synchronizedList(new ArrayList<>());
        AtomicLong peakRss = new AtomicLong();
        AtomicLong peakThreads = new AtomicLong();
        Thread sampler = new Thread(() -> sample(pid, peakRss, peakThreads), "sampler");
        sampler.setDaemon(true);
        sampler.start();
        CountDownLatch allStopped = new CountDownLatch(sessions);
        CountDownLatch heapTaken = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<int[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            int id = s;
            results.add(pool.submit(() -> session(id, port, examples, steps, latencies, warm, allStopped,
                    heapTaken)));
        }
        allStopped.await(5, TimeUnit.MINUTES);
        String cpuStopped = cpu(pid); // before jcmd, whose attach costs the server CPU of its own
        java.util.Map<String, Long> threadsStopped = threadCpu(pid);
        String heap = heap(pid);
        steppingFrom = System.currentTimeMillis();
        long clientCpuFrom = clientCpuNanos();
        heapTaken.countDown();
        int lostResponses = 0;
        int lostEvents = 0;
        int failed = 0;
        for (Future<int[]> f : results) {
            try {
                int[] r = f.get(10, TimeUnit.MINUTES);
                lostResponses += r[0];
                lostEvents += r[1];
            } catch (Exception e) {
                failed++;
                System.out.println("session failed: " + e.getCause());
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        long clientCpu = clientCpuNanos() - clientCpuFrom;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (quiet) {
            System.out.printf("  (throwaway server: %d failed, p99 %.1f ms)%n", failed, pct(sorted, 99));
            return;
        }
        System.out.printf("sessions: %d concurrent, %d steps each, %d failed; %d ms wall%n", sessions, steps, failed,
                wall);
        System.out.printf("lost responses: %d, lost events: %d%n", lostResponses, lostEvents);
        System.out.printf("step round trip (next -> stopped), %d steps: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.size(), pct(sorted, 50), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)
                        / 1e6);
        List<Long> warmSorted = new ArrayList<>(warm);
        Collections.sort(warmSorted);
        System.out.printf("  without each session's first two steps (the 50 sessions take them at once, cold): "
                + "p50 %.1f ms, p99 %.1f ms%n", pct(warmSorted, 50), pct(warmSorted, 99));
        slowest();
        byIndex();
        timeline();
        System.out.printf("server: heap with all sessions stopped %s; peak RSS %d MB; peak threads %d; CPU %s (%s when"
                + " all were stopped: the rest is stepping and running to exit)%n", heap, peakRss.get() / 1024,
                peakThreads.get(), cpu(pid), cpuStopped);
        threadsAfter(threadsStopped, threadCpu(pid));
        // The client shares the machine's cores with the server: what it spends while the sessions step is CPU the
        // server's steps did not get.
        System.out.printf("client (this JVM) CPU from the stepping phase's start to the end: %.2f s%n",
                clientCpu / 1e9);
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Returns {lost responses, lost events}. */
    private static int[] session(int id, int port, Path examples, int steps, List<Long> latencies, List<Long> warm,
                                 CountDownLatch allStopped, CountDownLatch heapTaken) throws Exception {
        int stopped = 0;
        int[] seen = new int[3]; // initialized, exited, terminated
        try (LoadClient c = new LoadClient(port)) {
            JsonObject init = new JsonObject();
            init.addProperty("adapterID", "load");
            init.addProperty("linesStartAt1", true);
            c.response(c.send("initialize", init), e -> count(e, seen));
            if (seen[0] == 0) {
                c.event("initialized");
                seen[0]++;
            }
            JsonObject launch = new JsonObject();
            launch.addProperty("program", examples.resolve("debugme.wasm").toString());
            launch.addProperty("cwd", examples.toString());
            c.response(c.send("launch", launch), e -> count(e, seen));
            c.response(c.send("setBreakpoints", LoadClient.breakpoints(examples, 23)), e -> count(e, seen));
            c.response(c.send("configurationDone", null), e -> count(e, seen));
            c.event("stopped");
            stopped++;
            allStopped.countDown();
            heapTaken.await(5, TimeUnit.MINUTES);
            int stepped = 0;
            for (int i = 0; i < steps; i++) {
                JsonObject thread = new JsonObject();
                thread.addProperty("threadId", 1);
                long sentAt = System.currentTimeMillis();
                long t0 = System.nanoTime();
                c.response(c.send("next", thread), e -> count(e, seen));
                if (seen[1] > 0 || "exited".equals(c.event("stopped", "exited").get("event").getAsString())) {
                    seen[1] = 1; // the program ran to its end during this step
                    break;
                }
                latencies.add(System.nanoTime() - t0);
                STEPS.add(new long[] {sentAt, System.nanoTime() - t0, i, id,
                        EPOCH_MICROS_BASE + (t0 - NANO_BASE) / 1000});
                if (i >= 2) {
                    warm.add(System.nanoTime() - t0);
                }
                stopped++;
                stepped++;
                JsonObject trace = c.response(c.send("stackTrace", thread), e -> count(e, seen));
                int frameId = trace.getAsJsonObject("body").getAsJsonArray("stackFrames").get(0).getAsJsonObject()
                        .get("id").getAsInt();
                JsonObject scopesArgs = new JsonObject();
                scopesArgs.addProperty("frameId", frameId);
                JsonObject scopes = c.response(c.send("scopes", scopesArgs), e -> count(e, seen));
                JsonObject vars = new JsonObject();
                vars.addProperty("variablesReference", scopes.getAsJsonObject("body").getAsJsonArray("scopes")
                        .get(0).getAsJsonObject().get("variablesReference").getAsInt());
                c.response(c.send("variables", vars), e -> count(e, seen));
            }
            if (seen[1] == 0) {
                c.response(c.send("setBreakpoints", LoadClient.breakpoints(examples)), e -> count(e, seen));
                JsonObject thread = new JsonObject();
                thread.addProperty("threadId", 1);
                c.response(c.send("continue", thread), e -> count(e, seen));
            }
            if (seen[1] == 0) {
                c.event("exited");
                seen[1]++;
            }
            if (seen[2] == 0) {
                c.event("terminated");
                seen[2]++;
            }
            c.response(c.send("disconnect", null), e -> count(e, seen));
            int expectedEvents = 1 + (1 + stepped) + 2;
            int gotEvents = seen[0] + stopped + seen[1] + seen[2];
            return new int[]{c.sent - c.answered, expectedEvents - gotEvents};
        }
    }

    private static void count(JsonObject event, int[] seen) {
        switch (event.get("event").getAsString()) {
            case "initialized" -> seen[0]++;
            case "exited" -> seen[1]++;
            case "terminated" -> seen[2]++;
            default -> {
            }
        }
    }

    /**
     * The slowest 1% of steps by when they were sent: steps slow together at one moment point at the server (a
     * collection, a compilation, a lock), slow steps spread out at the machine.
     */
    private static void slowest() {
        List<long[]> all = new ArrayList<>(STEPS);
        all.sort((a, b) -> Long.compare(b[1], a[1]));
        List<long[]> slow = new ArrayList<>(all.subList(0, Math.max(1, all.size() / 100)));
        slow.sort((a, b) -> Long.compare(a[0], b[0]));
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(java.time.ZoneOffset.UTC);
        long steppingTo = all.stream().mapToLong(st -> st[0] + st[1] / 1_000_000).max().orElse(steppingFrom);
        System.out.printf("stepping phase (UTC): %s to %s, %d ms%n", f.format(java.time.Instant.ofEpochMilli(
                steppingFrom)), f.format(java.time.Instant.ofEpochMilli(steppingTo)), steppingTo - steppingFrom);
        StringBuilder out = new StringBuilder("slowest 1% of steps (sent at, ms; step index):");
        for (long[] st : slow) {
            out.append(String.format(" %s %.0f #%d;", f.format(java.time.Instant.ofEpochMilli(st[0])), st[1] / 1e6,
                    st[2]));
        }
        System.out.println(out);
    }

    /**
     * With DAPLOAD_TIMELINE=FILE in the environment, every step as a line of FILE, in the order they were sent:
     * the wall-clock ms (µs precision) when it was sent and when its stopped event came, its round trip, session and
     * step index; to line the slowest steps up with the server's logs (e.g. -Xlog's {@code timemillis} decorator).
     */
    private static void timeline() throws IOException {
        String file = System.getenv("DAPLOAD_TIMELINE");
        if (file == null || file.isBlank()) {
            return;
        }
        List<long[]> all = new ArrayList<>(STEPS);
        all.sort((a, b) -> Long.compare(a[4], b[4]));
        StringBuilder out = new StringBuilder("# sent_ms stopped_ms rtt_ms session step\n");
        for (long[] st : all) {
            out.append(String.format("%.3f %.3f %.3f %d %d%n", st[4] / 1e3, (st[4] + st[1] / 1000) / 1e3,
                    st[1] / 1e6, st[3], st[2]));
        }
        Files.writeString(Path.of(file), out);
    }

    /**
     * Each step index's median and slowest round trip: all sessions take step #i at about the same moment, so a step
     * that is slow everywhere (one whose code runs for the first time in the process) stands out here.
     */
    private static void byIndex() {
        java.util.Map<Long, List<Long>> by = new java.util.TreeMap<>();
        for (long[] st : new ArrayList<>(STEPS)) {
            by.computeIfAbsent(st[2], k -> new ArrayList<>()).add(st[1]);
        }
        StringBuilder out = new StringBuilder("by step index (median / max ms):");
        by.forEach((i, times) -> {
            Collections.sort(times);
            out.append(String.format(" #%d %.0f/%.0f;", i, pct(times, 50), times.get(times.size() - 1) / 1e6));
        });
        System.out.println(out);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    private static void sample(long pid, AtomicLong peakRss, AtomicLong peakThreads) {
        Path status = Path.of("/proc/" + pid + "/status");
        int reads = 0;
        while (true) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        peakRss.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                    } else if (line.startsWith("Threads:")) {
                        peakThreads.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                    }
                }
                if (++reads % 4 == 0) {
                    readThreads(pid);
                }
                Thread.sleep(50);
            } catch (IOException | InterruptedException | NumberFormatException gone) {
                return;
            }
        }
    }

    /** Each server thread's CPU ticks as last read (thread id -> {name, ticks}), kept after the thread ends. */
    private static final java.util.Map<String, Object[]> THREAD_TICKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads every live server thread's CPU ticks into {@link #THREAD_TICKS}. */
    private static void readThreads(long pid) {
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    THREAD_TICKS.put(task.getFileName().toString(), new Object[] {name, ticks});
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            // the server is gone
        }
    }

    /**
     * CPU ticks so far per group of the server's threads (JIT compilers, session threads, engine threads, Netty, the
     * engine's background threads, the rest), threads that ended included as last read (every 200 ms): which of
     * them the stepping part of the run kept busy.
     */
    private static java.util.Map<String, Long> threadCpu(long pid) {
        readThreads(pid);
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        for (Object[] t : THREAD_TICKS.values()) {
            groups.merge(group((String) t[0]), (Long) t[1], Long::sum);
        }
        return groups;
    }

    /** A server thread's group by its name (StepCost shares it). */
    static String group(String thread) {
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return thread.substring(0, 2) + " compiler";
        }
        if (thread.startsWith("trapdoor-sessi")) {
            return "sessions";
        }
        if (thread.startsWith("trapdoor-engin")) {
            return "engines";
        }
        if (thread.startsWith("nioEventLoop")) {
            return "netty";
        }
        if (thread.startsWith("trapdoor ")) {
            return thread; // the sampler, the compiler, translate-ahead (names cut at 15 characters)
        }
        return thread.startsWith("VM Thread") || thread.startsWith("GC") ? "VM/GC" : "other";
    }

    private static void threadsAfter(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        StringBuilder out = new StringBuilder("server CPU by threads, until all stopped + after (s):");
        after.forEach((g, ticks) -> {
            long b = before.getOrDefault(g, 0L);
            out.append(String.format(" %s %.2f+%.2f;", g, b / 100.0, (ticks - b) / 100.0));
        });
        System.out.println(out);
    }

    /** This JVM's CPU time so far (user + system), in nanoseconds; 0 where the platform does not tell. */
    private static long clientCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The server's CPU time so far (user + system), which a loaded machine changes less than latencies. */
    private static String cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return String.format("%.2f s", ticks / 100.0);
        } catch (IOException | RuntimeException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    /** The server's heap use from {@code jcmd PID GC.heap_info}, e.g. "used 123 MB of 256 MB". */
    private static String heap(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = HEAP_USED.matcher(out);
            if (m.find()) {
                return "used " + Long.parseLong(m.group(2)) / 1024 + " MB of " + Long.parseLong(m.group(1)) / 1024
                        + " MB committed";
            }
            return "(jcmd: " + out.strip() + ")";
        } catch (IOException e) {
            return "(no jcmd: " + e.getMessage() + ")";
        }
    }
}
