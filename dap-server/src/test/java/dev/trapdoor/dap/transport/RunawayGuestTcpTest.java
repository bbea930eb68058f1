package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guests that misbehave over DAP (issue 26): an endless loop under a time limit stops on a "time limit exceeded"
 * trap, one without a limit can be paused, endless recursion stops on "call stack exhausted", a table allocation
 * loop ends at the host's limit; each session ends cleanly and the server goes on serving.
 */
class RunawayGuestTcpTest {
    private static TcpServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE, () -> null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path program(String name, String wat) throws IOException {
        return Files.writeString(tmp.resolve(name), wat);
    }

    /** Initializes, launches with {@code extra} launch keys, stops on traps, and returns the client running. */
    private static RawClient launch(Path program, String extra) throws IOException {
        return launch(program, "interpreter", extra);
    }

    private static RawClient launch(Path program, String tier, String extra) throws IOException {
        RawClient c = new RawClient(server.address().getPort());
        c.send(request(1, "initialize", "{\"adapterID\":\"t\"}"));
        assertTrue(c.response(1, 10_000).contains("\"success\":true"));
        c.send(request(2, "launch", "{\"program\":\"" + program + "\",\"tier\":\"" + tier + "\"" + extra + "}"));
        String launched = c.response(2, 10_000);
        assertTrue(launched.contains("\"success\":true"), launched);
        c.send(request(3, "setExceptionBreakpoints", "{\"filters\":[\"trap.all\"]}"));
        assertTrue(c.response(3, 10_000).contains("\"success\":true"));
        c.send(request(4, "configurationDone", null));
        assertTrue(c.response(4, 10_000).contains("\"success\":true"));
        return c;
    }

    private static String stopped(RawClient c) throws IOException {
        for (int i = 0; i < 50; i++) {
            String m = c.next(20_000);
            if (m.startsWith("<") || m.contains("\"event\":\"stopped\"")) {
                return m;
            }
        }
        return "<no stop>";
    }

    private static void endsCleanly(RawClient c) throws IOException {
        c.send(request(90, "disconnect", "{\"terminateDebuggee\":true}"));
        assertTrue(c.response(90, 10_000).contains("\"success\":true"));
    }

    @Test
    void anEndlessLoopStopsOnTheTimeLimit() throws Exception {
        Path spin = program("spin.wat", "(module (func (export \"_start\") (loop $l (br $l))))");
        try (RawClient c = launch(spin, ",\"timeLimit\":0.3")) {
            String stop = stopped(c);
            assertTrue(stop.contains("\"reason\":\"exception\"") && stop.contains("time limit exceeded"), stop);
            endsCleanly(c);
        }
    }

    @Test
    void anEndlessLoopWithoutALimitCanBePaused() throws Exception {
        Path spin = program("spin2.wat", "(module (func (export \"_start\") (loop $l (br $l))))");
        try (RawClient c = launch(spin, "")) {
            Thread.sleep(300);
            c.send(request(5, "pause", "{\"threadId\":1}"));
            assertTrue(c.response(5, 10_000).contains("\"success\":true"));
            String stop = stopped(c);
            assertTrue(stop.contains("\"reason\":\"pause\""), stop);
            endsCleanly(c);
        }
    }

    /**
     * Compiled Wasm calls are JVM calls: on a thread with the JVM's default stack (1 MB) a recursion of frames
     * holding many values overflowed it after ~700 calls, a "call stack exhausted" trap where the interpreter (and
     * {@code trapdoor run}, whose thread reserves 1 GB) returns. The session's engine thread reserves as much.
     */
    @Test
    void deepRecursionOnTheCompiledTierGoesAsDeepAsOnTheInterpreter() throws Exception {
        StringBuilder locals = new StringBuilder();
        StringBuilder set = new StringBuilder();
        StringBuilder sum = new StringBuilder("(call $deep (i32.sub (local.get $n) (i32.const 1)))");
        for (int i = 0; i < 16; i++) {
            locals.append(" (local $v").append(i).append(" i64)");
            set.append("(local.set $v").append(i).append(" (i64.mul (i64.extend_i32_u (local.get $n)) (i64.const ")
                    .append(i + 1).append(")))\n");
            sum = new StringBuilder("(i64.add (local.get $v" + i + ") " + sum + ")");
        }
        // deep(n) = 136 * (1 + ... + n): every value is live across the call, so each JVM frame holds them.
        Path deep = program("deep.wat", "(module\n"
                + "(import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))\n"
                + "(func $deep (param $n i32) (result i64)" + locals + "\n"
                + "(if (result i64) (i32.eqz (local.get $n)) (then (i64.const 0)) (else\n" + set + sum + ")))\n"
                + "(func (export \"_start\") (call $exit (i64.ne (call $deep (i32.const 5000))"
                + " (i64.const " + 136L * 5000 * 5001 / 2 + ")))))");
        for (String tier : new String[] {"interpreter", "compiled"}) {
            try (RawClient c = launch(deep, tier, "")) {
                String m;
                do {
                    m = c.next(60_000);
                } while (!m.startsWith("<") && !m.contains("\"event\":\"exited\"") && !m.contains("\"stopped\""));
                assertTrue(m.contains("\"event\":\"exited\"") && m.contains("\"exitCode\":0"), tier + ": " + m);
            }
        }
    }

    @Test
    void endlessRecursionAndAllocationEndInTrapsAndLimits() throws Exception {
        Path rec = program("rec.wat", "(module (func $r (export \"_start\") (call $r)))");
        try (RawClient c = launch(rec, "")) {
            String stop = stopped(c);
            assertTrue(stop.contains("call stack exhausted"), stop);
            endsCleanly(c);
        }
        Path hog = program("hog.wat", """
                (module (table $t 1 funcref)
                  (func (export "_start")
                    (loop $l (br_if $l (i32.ne (table.grow $t (ref.null func) (i32.const 100000)) (i32.const -1))))
                    (if (i32.gt_u (table.size $t) (i32.const 1000000)) (then unreachable))))
                """);
        try (RawClient c = launch(hog, ",\"maxTableElements\":1000000")) {
            // The loop stops growing at the limit and the program ends normally: no trap stops it.
            String m;
            do {
                m = c.next(20_000);
            } while (!m.startsWith("<") && !m.contains("\"event\":\"terminated\"") && !m.contains("\"stopped\""));
            assertTrue(m.contains("\"event\":\"terminated\""), m);
        }
        try (RawClient after = new RawClient(server.address().getPort())) {
            after.send(request(1, "initialize", "{\"adapterID\":\"t\"}"));
            assertTrue(after.response(1, 10_000).contains("\"success\":true"), "the server goes on");
        }
    }
}
