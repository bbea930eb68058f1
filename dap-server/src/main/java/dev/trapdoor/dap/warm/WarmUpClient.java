package dev.trapdoor.dap.warm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trapdoor.dap.transport.Frames;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The warm-up's client: a TCP connection to the process's private loopback server, so that a request takes the path
 * a real client's does (the socket, Netty's event loop and decoder, the connection's session thread, the handlers,
 * the engine, and the way back through {@code ChannelSink}). It waits for each answer as an editor does. Output
 * events are dropped unread; they only have to be sent.
 */
final class WarmUpClient implements AutoCloseable {
    private final List<JsonObject> unread = new ArrayList<>();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long deadline;
    private int seq;
    private boolean disconnected;

    /** @param deadline {@link System#nanoTime()} after which every wait fails */
    WarmUpClient(int port, long deadline) throws IOException {
        this.deadline = deadline;
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Sends a request and returns its response's body (empty when it has none); a failed response is a failure. */
    JsonObject ask(String command, String arguments) throws IOException {
        int s = ++seq;
        out.write(Frames.frame("{\"seq\":" + s + ",\"type\":\"request\",\"command\":\"" + command
                + "\",\"arguments\":" + arguments + "}"));
        out.flush();
        JsonObject r = await(m -> "response".equals(text(m, "type")) && m.get("request_seq").getAsInt() == s,
                "the response to " + command);
        disconnected |= "disconnect".equals(command);
        if (!r.get("success").getAsBoolean()) {
            throw new WarmUpFailed(command + " failed: " + r.get("message"));
        }
        return r.has("body") ? r.getAsJsonObject("body") : new JsonObject();
    }

    /** Waits for an event of this name and returns its body. */
    JsonObject event(String name) throws IOException {
        JsonObject e = await(m -> "event".equals(text(m, "type")) && name.equals(text(m, "event")), name);
        return e.has("body") ? e.getAsJsonObject("body") : new JsonObject();
    }

    private JsonObject await(Predicate<JsonObject> wanted, String what) throws IOException {
        for (Iterator<JsonObject> it = unread.iterator(); it.hasNext(); ) {
            JsonObject m = it.next();
            if (wanted.test(m)) {
                it.remove();
                return m;
            }
        }
        while (true) {
            String json = next(what);
            if (json == null) {
                throw new WarmUpFailed("the connection closed while waiting for " + what);
            }
            JsonObject m = JsonParser.parseString(json).getAsJsonObject();
            if (wanted.test(m)) {
                return m;
            }
            if (!"output".equals(text(m, "event"))) {
                unread.add(m);
            }
        }
    }

    /** The next message's body, or null at the end of the stream. */
    private String next(String what) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (headers.length() < 4 || !headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
            int b = read(what);
            if (b < 0) {
                return null;
            }
            headers.append((char) b);
        }
        long length = Frames.contentLength(headers.toString());
        if (length < 0) {
            throw new WarmUpFailed("a message without a usable Content-Length: " + headers);
        }
        socket.setSoTimeout(remainingMillis(what));
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private int read(String what) throws IOException {
        socket.setSoTimeout(remainingMillis(what));
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new WarmUpFailed("timed out waiting for " + what);
        }
    }

    private int remainingMillis(String what) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new WarmUpFailed("timed out waiting for " + what);
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String text(JsonObject m, String member) {
        return m.has(member) ? m.get(member).getAsString() : "";
    }

    /**
     * Ends the session as an editor does: after a {@code disconnect} was answered, waits for the server to close its
     * end (the session over), then closes the socket.
     */
    @Override
    public void close() throws IOException {
        try {
            if (disconnected) {
                while (next("the server to close the connection") != null) {
                    // late events (an output flush) before the close
                }
            }
        } catch (WarmUpFailed | IOException late) {
            // closed below all the same
        } finally {
            socket.close();
        }
    }
}
