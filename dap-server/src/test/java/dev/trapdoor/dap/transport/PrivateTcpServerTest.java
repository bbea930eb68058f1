package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server the warm-up talks to ({@link TcpServer#startPrivate}): on loopback, serving sessions as any server does,
 * but with nothing in the log of its clients coming and going, where a user's server logs both.
 */
class PrivateTcpServerTest {
    @TempDir
    Path tmp;

    @Test
    void servesOnLoopbackAndLogsNoConnection() throws Exception {
        List<String> logged = logged(() -> {
            try (TcpServer server = TcpServer.startPrivate(tmp, new DwarfVariablesProvider())) {
                assertTrue(server.address().getAddress().isLoopbackAddress(), server.listeningLine());
                oneSession(server);
            }
        });
        assertEquals(List.of(), logged);
    }

    @Test
    void aUserServerLogsTheSameSessionComingAndGoing() throws Exception {
        List<String> logged = logged(() -> {
            try (TcpServer server = TcpServer.start("127.0.0.1", 0, tmp, new DwarfVariablesProvider(), () -> null)) {
                oneSession(server);
            }
        });
        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("client connected from"), logged.toString());
        assertTrue(logged.get(1).endsWith("disconnected; ending its session"), logged.toString());
    }

    /** initialize answered, then the client goes; returns once the server has seen it go. */
    private static void oneSession(TcpServer server) throws Exception {
        try (RawClient c = new RawClient(server.address().getPort())) {
            c.send(request(1, "initialize", "{\"adapterID\":\"trapdoor\"}"));
            String answer = c.response(1, 20_000);
            assertTrue(answer.contains("\"success\":true"), answer);
        }
        long end = System.nanoTime() + 20_000_000_000L;
        while (server.sessions() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(0, server.sessions());
    }

    private interface Body {
        void run() throws Exception;
    }

    /** The messages TcpServer logged while {@code body} ran. */
    private static List<String> logged(Body body) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                messages.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(TcpServer.class.getName());
        log.addHandler(handler);
        try {
            body.run();
        } finally {
            log.removeHandler(handler);
        }
        return messages;
    }
}
