package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile DAP traffic against a real TCP server (issue 26): every case gets an answer or a closed
 * connection within a second or two, never silence; no answer shows Java internals; and the server goes on serving.
 */
class ServerLimitsTcpTest {
    private static final String INITIALIZE = request(1, "initialize", "{\"adapterID\":\"t\"}");
    private TcpServer server;

    private TcpServer start(ServerLimits limits) throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, java.nio.file.Path.of("."), SourceVariablesProvider.NONE,
                () -> null, limits);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient client() throws IOException {
        return new RawClient(server.address().getPort());
    }

    private static void assertNoJava(String response) {
        assertFalse(response.contains("java.") || response.contains("\\tat ") || response.contains("Exception")
                || response.contains("Internal error."), response);
    }

    @Test
    void requestsBeforeInitializeAreRefused() throws Exception {
        start(ServerLimits.DEFAULT);
        try (RawClient c = client()) {
            c.send(request(1, "launch", "{\"program\":\"x.wasm\"}"));
            String r = c.response(1, 10000);
            assertTrue(r.contains("\"success\":false") && r.contains("'launch' before 'initialize'"), r);
            c.send(request(2, "configurationDone", null));
            assertTrue(c.response(2, 10000).contains("'configurationDone' before 'initialize'"));
            c.send(request(3, "initialize", "{\"adapterID\":\"t\"}"));
            assertTrue(c.response(3, 10000).contains("\"success\":true"));
            c.send(request(4, "configurationDone", null));
            assertFalse(c.response(4, 10000).contains("before 'initialize'"));
        }
    }

    @Test
    void anOversizedMessageIsAnsweredAndTheConnectionStaysInStep() throws Exception {
        start(new ServerLimits(4096, 8, Duration.ofSeconds(30)));
        try (RawClient c = client()) {
            c.send(INITIALIZE);
            assertTrue(c.response(1, 10000).contains("\"success\":true"));
            c.send(request(2, "evaluate", "{\"expression\":\"" + "1+".repeat(100_000) + "1\"}"));
            String r = c.response(2, 10000);
            assertTrue(r.contains("\"success\":false") && r.contains("over the server's limit of 4096 bytes"), r);
            c.send(request(3, "threads", null));
            assertTrue(c.response(3, 10000).contains("\"success\":true"));
        }
    }

    @Test
    void sessionsOverTheLimitGetAnErrorAndAreClosed() throws Exception {
        start(new ServerLimits(ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, 2, Duration.ofSeconds(30)));
        try (RawClient a = client(); RawClient b = client()) {
            a.send(INITIALIZE);
            b.send(INITIALIZE);
            String ra = a.response(1, 10000);
            assertTrue(ra.contains("\"success\":true"), ra);
            assertTrue(b.response(1, 10000).contains("\"success\":true"));
            try (RawClient extra = client()) {
                extra.send(INITIALIZE);
                String r = extra.response(1, 10000);
                assertTrue(r.contains("\"success\":false") && r.contains("at most 2 sessions"), r);
                assertEquals("<closed>", extra.next(2000));
            }
        }
        // The two closed: a new client is served again.
        waitFor(() -> server.sessions() == 0);
        try (RawClient c = client()) {
            c.send(INITIALIZE);
            assertTrue(c.response(1, 10000).contains("\"success\":true"));
        }
    }

    @Test
    void halfOpenConnectionsTimeOut() throws Exception {
        start(new ServerLimits(ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, 8, Duration.ofMillis(500)));
        try (RawClient silent = client()) {
            assertEquals("<closed>", silent.next(3000), "a connection that never sends initialize");
        }
        try (RawClient cut = client()) {
            cut.send(INITIALIZE);
            assertTrue(cut.response(1, 10000).contains("\"success\":true"));
            String threads = request(2, "threads", null);
            cut.sendRaw("Content-Length: " + (threads.length() + 10) + "\r\n\r\n" + threads);
            String r = cut.response(2, 10000);
            assertTrue(r.contains("\"success\":false") && r.contains("stopped arriving"), r);
            assertEquals("<closed>", cut.next(3000));
        }
        try (RawClient thinking = client()) {
            thinking.send(INITIALIZE);
            assertTrue(thinking.response(1, 10000).contains("\"success\":true"));
            Thread.sleep(1500); // initialized and quiet: a person at a breakpoint, left alone
            thinking.send(request(2, "threads", null));
            assertTrue(thinking.response(2, 10000).contains("\"success\":true"));
        }
    }

    @Test
    void malformedMessagesAreAnsweredWithoutJavaInternals() throws Exception {
        start(ServerLimits.DEFAULT);
        try (RawClient c = client()) {
            c.send(INITIALIZE);
            assertTrue(c.response(1, 10000).contains("\"success\":true"));
            String[] bad = {
                request(2, "stepBack", "{\"threadId\":1}"),
                request(3, "noSuchCommand", null),
                request(4, "evaluate", "42"),
                request(5, "evaluate", "{\"expression\":7,\"frameId\":\"x\"}"),
                "{\"seq\":6,\"type\":\"request\",\"command\":\"threads\",",
                "{\"seq\":7,\"type\":\"request\",\"command\":[1,2]}",
                request(8, "variables", "{\"variablesReference\":1e300}"),
                request(9, "evaluate", "{\"expression\":\"" + "(".repeat(100_000) + "1" + ")".repeat(100_000)
                        + "\"}"),
            };
            for (int i = 0; i < bad.length; i++) {
                c.send(bad[i]);
                String r = c.response(i + 2, 10000);
                assertTrue(r.contains("\"success\":false"), bad[i].substring(0, Math.min(80, bad[i].length())) + " → "
                        + r);
                assertNoJava(r);
            }
            c.send(request(20, "threads", null));
            assertTrue(c.response(20, 10000).contains("\"success\":true"), "the session goes on");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean());
    }
}
