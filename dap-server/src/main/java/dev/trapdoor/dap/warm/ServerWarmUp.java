package dev.trapdoor.dap.warm;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.transport.TcpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the warm-up: {@link Plan#sessions} sessions of the warm-up program, {@link Plan#parallel} at a time (a
 * 2-core machine's cores), {@link Plan#steps} line steps each; the first {@link Plan#tcpSessions} of them over
 * loopback TCP to a private {@link TcpServer} (open only while they run), the others in memory; then {@link
 * LogLines} formats the server's connection lines into nothing. The program is copied
 * from the jar into a fresh directory, which is deleted when the sessions have ended.
 */
public final class ServerWarmUp {
    private static final Logger LOG = Logger.getLogger(ServerWarmUp.class.getName());
    private static final String PROGRAM = "warmup.wasm";

    /**
     * How much to warm up. The default takes each request of a stop 960 times, past C1's invocation threshold for the
     * methods a request runs once (200, raised while C1's queue is long), and LSP4J's 15 calls before it inflates a
     * reflective accessor. At 320 (80 steps a session) a fresh server's step p99 under 50 sessions was 47-82 ms on a
     * quiet 2-core machine, median 56; at 960, 39-55 ms, median 43, for ~1.4 s more CPU before the port opens and
     * ~50 MB more peak RSS (benchmarks/RESULTS.md, session 18 on a quiet machine). Two of
     * its four sessions go over TCP, so that Netty's per-message code runs ~3,000 times; the other two go in memory,
     * which spares their event loop and socket CPU (all four over TCP took ~0.2 s more CPU before the port opened,
     * for no difference seen in the first clients' steps; benchmarks/RESULTS.md, session 18).
     */
    public record Plan(int sessions, int parallel, int steps, int tcpSessions, Duration timeout) {
        public static final Plan DEFAULT = new Plan(4, 2, 240, 2, Duration.ofSeconds(20));

        /**
         * The default, with {@code -Dtrapdoor.dap.warmUp.steps=N} line steps per session instead of 240 (a shorter
         * warm-up for a slow machine, a longer one to measure what more would bring), and {@code
         * -Dtrapdoor.dap.warmUp.tcpSessions=N} sessions over TCP instead of 2.
         */
        static Plan configured() {
            return new Plan(DEFAULT.sessions, DEFAULT.parallel, Integer.getInteger("trapdoor.dap.warmUp.steps",
                    DEFAULT.steps), Integer.getInteger("trapdoor.dap.warmUp.tcpSessions", DEFAULT.tcpSessions),
                    DEFAULT.timeout);
        }
    }

    /** What a warm-up did: sessions ended, line steps taken, wall and process CPU time. */
    public record Report(int sessions, int steps, long wallNanos, long cpuNanos) {
    }

    private ServerWarmUp() {
    }

    /**
     * Warms the request path before a server listens; never fails (a failure is logged at {@code FINE} and the server
     * starts cold).
     */
    public static void beforeListening(SourceVariablesProvider variables) {
        try {
            Report r = run(Path.of(System.getProperty("java.io.tmpdir")), variables, Plan.configured());
            // The warm-up leaves ~65 MB of garbage in a 160 MB eden: collected now, while nothing is live, rather
            // than by bringing the first clients' collection forward.
            System.gc();
            LOG.fine(() -> String.format("warmed up the request path: %d sessions, %d steps in %d ms (%d ms of CPU)",
                    r.sessions(), r.steps(), r.wallNanos() / 1_000_000, r.cpuNanos() / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.FINE, "warm-up failed; the server starts cold", e);
        }
    }

    /** Runs the plan's sessions in a scratch directory made (and removed again) under {@code scratchParent}. */
    public static Report run(Path scratchParent, SourceVariablesProvider variables, Plan plan)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long cpuStart = processCpu();
        long deadline = start + plan.timeout().toNanos();
        Path dir = Files.createTempDirectory(scratchParent, "trapdoor-warm-up");
        ExecutorService clients = Executors.newFixedThreadPool(plan.parallel(), r -> {
            Thread t = new Thread(r, "trapdoor-warm-up");
            t.setDaemon(true);
            return t;
        });
        TcpServer server = null;
        try {
            server = plan.tcpSessions() > 0 ? TcpServer.startPrivate(dir, variables) : null;
            int port = server == null ? -1 : server.address().getPort();
            Path program = dir.resolve(PROGRAM);
            try (InputStream in = ServerWarmUp.class.getResourceAsStream(PROGRAM)) {
                if (in == null) {
                    throw new WarmUpFailed(PROGRAM + " is not in the jar");
                }
                Files.copy(in, program);
            }
            List<Future<Integer>> sessions = new ArrayList<>();
            for (int i = 0; i < plan.sessions(); i++) {
                boolean tcp = i < plan.tcpSessions();
                sessions.add(clients.submit(() -> {
                    WarmUpLink link = tcp ? new TcpLink(port, deadline) : new MemoryLink(dir, variables, deadline);
                    try (WarmUpClient c = new WarmUpClient(link)) {
                        return WarmUpSession.run(c, program, plan.steps());
                    }
                }));
            }
            int steps = 0;
            for (Future<Integer> s : sessions) {
                steps += result(s);
            }
            LogLines.format(LogLines.LINES);
            return new Report(sessions.size(), steps, System.nanoTime() - start, processCpu() - cpuStart);
        } finally {
            clients.shutdownNow();
            if (server != null) {
                server.close();
            }
            delete(dir);
        }
    }

    private static int result(Future<Integer> session) throws InterruptedException {
        try {
            return session.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new WarmUpFailed("a warm-up session failed: " + e.getCause());
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
