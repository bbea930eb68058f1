package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TCP server answers every frame it can read and closes a connection whose framing is broken, rather than keep
 * it open and deaf (issue 27). Each case uses a real server and socket.
 */
class BrokenFramingTcpTest {
    private static TcpServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE, () -> null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String INITIALIZE = "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\","
            + "\"arguments\":{\"adapterID\":\"t\"}}";

    @Test
    void badHeadersCloseTheConnection() throws IOException {
        byte[] garbage = new byte[Frames.MAX_HEADERS + 100];
        java.util.Arrays.fill(garbage, (byte) 0x41);
        for (byte[] bad : new byte[][]{ascii("Content-Length: abc\r\n\r\n" + INITIALIZE),
                ascii("Content-Type: application/json\r\n\r\n" + INITIALIZE),
                ascii("Content-Length: -7\r\n\r\n" + INITIALIZE),
                ascii("Content-Length: 99999999999999999999\r\n\r\n" + INITIALIZE),
                ascii("\u0000\u00ff\u00fe binary\n\n" + INITIALIZE), garbage}) {
            String reply = exchange(bad);
            assertTrue(reply.endsWith("<closed>"), "closed after " + new String(bad, 0, Math.min(40, bad.length),
                    StandardCharsets.ISO_8859_1) + ": " + reply);
        }
    }

    @Test
    void lfOnlyHeadersAreAnswered() throws IOException {
        String reply = exchange(ascii("Content-Length: " + INITIALIZE.length() + "\n\n" + INITIALIZE));
        assertTrue(reply.contains("\"command\":\"initialize\"") && reply.contains("\"success\":true"), reply);
    }

    @Test
    void aLongBodyIsAnsweredAsMalformedThenItsTailCloses() throws IOException {
        String truncated = INITIALIZE.substring(0, INITIALIZE.length() - 3);
        String reply = exchange(ascii("Content-Length: " + truncated.length() + "\r\n\r\n" + INITIALIZE
                + "Content-Length: 2\r\n\r\n{}"));
        assertTrue(reply.contains("\"request_seq\":1") && reply.contains("\"success\":false"), reply);
        assertTrue(reply.endsWith("<closed>"), reply);
    }

    /** Sends the bytes and reads what comes back until the server closes or stays silent for 3 s. */
    private static String exchange(byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
                return got.toString(StandardCharsets.UTF_8) + "<closed>";
            } catch (SocketTimeoutException silent) {
                return got.toString(StandardCharsets.UTF_8) + "<open and silent>";
            } catch (IOException reset) {
                return got.toString(StandardCharsets.UTF_8) + "<closed>";
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
