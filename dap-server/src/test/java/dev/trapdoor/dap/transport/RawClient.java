package dev.trapdoor.dap.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A DAP client at the byte level, for tests that send what no well-behaved client would. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        in = socket.getInputStream();
    }

    void sendRaw(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    void send(String json) throws IOException {
        socket.getOutputStream().write(Frames.frame(json));
        socket.getOutputStream().flush();
    }

    /** A request's JSON with the given seq, command and arguments (a JSON text, or null for none). */
    static String request(int seq, String command, String arguments) {
        return "{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"" + command + "\""
                + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}";
    }

    /** The next message's body; "<closed>" when the server closed, "<silent>" after {@code millis} of nothing. */
    String next(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            while (!header.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return "<closed>";
                }
                header.write(b);
            }
            String h = header.toString(StandardCharsets.ISO_8859_1);
            int length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
            return new String(in.readNBytes(length), StandardCharsets.UTF_8).replace("\\u0027", "'");
        } catch (SocketTimeoutException e) {
            return "<silent>";
        } catch (IOException reset) {
            return "<closed>";
        }
    }

    /** The response to request {@code seq}, skipping events; fails the test after {@code millis}. */
    String response(int seq, int millis) throws IOException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            String m = next((int) Math.max(1, end - System.currentTimeMillis()));
            if (m.startsWith("<")) {
                return m;
            }
            if (m.contains("\"type\":\"response\"") && m.contains("\"request_seq\":" + seq + ",")) {
                return m;
            }
        }
        return "<silent>";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
