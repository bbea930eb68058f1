package dev.trapdoor.bench.load;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One DAP session over TCP: requests with increasing seq, a reader thread queueing everything that comes back. */
final class LoadClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
    private int seq;
    int sent;
    int answered;

    LoadClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "load-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (InputStream s = new BufferedInputStream(socket.getInputStream())) {
            for (;;) {
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                while (!header.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = s.read();
                    if (b < 0) {
                        return;
                    }
                    header.write(b);
                }
                String h = header.toString(StandardCharsets.ISO_8859_1).trim();
                int length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
                in.add(JsonParser.parseString(new String(s.readNBytes(length), StandardCharsets.UTF_8))
                        .getAsJsonObject());
            }
        } catch (IOException | RuntimeException closed) {
            // the session ended
        }
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
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
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

    private JsonObject next() throws IOException {
        try {
            JsonObject m = in.poll(60, TimeUnit.SECONDS);
            if (m == null) {
                throw new IOException("nothing from the server for 60 s: a lost response or event");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
