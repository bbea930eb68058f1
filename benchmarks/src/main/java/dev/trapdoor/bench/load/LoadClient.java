package dev.trapdoor.bench.load;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One DAP session over TCP: requests with increasing seq, each framed and written in one write (as editors do); what
 * comes back is read on the caller's thread when it asks for a response or an event. The client shares the machine's
 * cores with the server it measures, so it keeps its own work per message small: no reader thread and queue hand-off
 * per message, no String per header byte, one segment per request (benchmarks/RESULTS.md, session 21).
 */
final class LoadClient implements AutoCloseable {
    /** How long a read may wait before the session counts a response or event as lost. */
    private static final int LOST_AFTER_MS = 60_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int seq;
    int sent;
    int answered;

    LoadClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(LOST_AFTER_MS);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends a request; returns its seq. */
    synchronized int send(String command, JsonObject arguments) throws IOException {
        JsonObject m = new JsonObject();
        m.addProperty("seq", ++seq);
        m.addProperty("type", "request");
        m.addProperty("command", command);
        if (arguments != null) {
            m.add("arguments", arguments);
        }
        byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        out.write(frame);
        out.flush();
        sent++;
        return seq;
    }

    /** The response to {@code requestSeq}; events met on the way are passed to {@code events}. */
    JsonObject response(int requestSeq, java.util.function.Consumer<JsonObject> events) throws IOException {
        for (;;) {
            JsonObject m = next();
            if ("response".equals(m.get("type").getAsString()) && m.get("request_seq").getAsInt() == requestSeq) {
                answered++;
                if (!m.get("success").getAsBoolean()) {
                    throw new IOException(m.get("command").getAsString() + " failed: " + m.get("message"));
                }
                return m;
            }
            if ("event".equals(m.get("type").getAsString())) {
                events.accept(m);
            } else {
                answered++;
            }
        }
    }

    /** The next event named {@code name} (or {@code orElse}), counting responses met on the way. */
    JsonObject event(String name, String orElse) throws IOException {
        for (;;) {
            JsonObject m = next();
            if ("event".equals(m.get("type").getAsString())) {
                String e = m.get("event").getAsString();
                if (name.equals(e) || e.equals(orElse)) {
                    return m;
                }
            } else {
                answered++;
            }
        }
    }

    JsonObject event(String name) throws IOException {
        return event(name, null);
    }

    /** Reads the next message: a {@code Content-Length} header block, then that many bytes of JSON. */
    private JsonObject next() throws IOException {
        try {
            int length = -1;
            StringBuilder line = new StringBuilder();
            for (;;) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\n') {
                    if (b != '\r') {
                        line.append((char) b);
                    }
                    continue;
                }
                if (line.length() == 0) {
                    break; // the blank line that ends the header block
                }
                String h = line.toString();
                if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
                line.setLength(0);
            }
            if (length < 0) {
                throw new IOException("a message without Content-Length");
            }
            return JsonParser.parseString(new String(in.readNBytes(length), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (SocketTimeoutException e) {
            throw new IOException("nothing from the server for 60 s: a lost response or event", e);
        }
    }

    /** {@code setBreakpoints} arguments for lines of examples/debugme.c (none: clear them). */
    static JsonObject breakpoints(Path examples, int... lines) {
        JsonObject source = new JsonObject();
        source.addProperty("path", examples.resolve("debugme.c").toString());
        JsonArray bps = new JsonArray();
        for (int line : lines) {
            JsonObject bp = new JsonObject();
            bp.addProperty("line", line);
            bps.add(bp);
        }
        JsonObject a = new JsonObject();
        a.add("source", source);
        a.add("breakpoints", bps);
        return a;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
