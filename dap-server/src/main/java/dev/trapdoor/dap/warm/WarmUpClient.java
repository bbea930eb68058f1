package dev.trapdoor.dap.warm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.transport.DapConnection;
import dev.trapdoor.dap.transport.FrameSink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The warm-up's side of an in-memory DAP connection: it hands request JSON to a {@link DapConnection} as a transport
 * would, and reads back the framed messages the connection writes, waiting for each answer as an editor does. Output
 * events are dropped unread; they only have to be sent.
 */
final class WarmUpClient implements FrameSink, AutoCloseable {
    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> unread = new ArrayList<>();
    private final DapConnection connection;
    /** Counted down once the connection has answered {@code disconnect} and asked its transport to end it. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private final long deadline;
    private int seq;
    private boolean disconnected;

    /** @param deadline {@link System#nanoTime()} after which every wait fails */
    WarmUpClient(Path cwd, SourceVariablesProvider variables, long deadline) {
        this.deadline = deadline;
        this.connection = new DapConnection(this, cwd, variables, null, ended::countDown);
    }

    @Override
    public void write(byte[] frame) {
        int body = 0;
        while (body + 3 < frame.length && !(frame[body] == '\r' && frame[body + 1] == '\n'
                && frame[body + 2] == '\r' && frame[body + 3] == '\n')) {
            body++;
        }
        String json = new String(frame, body + 4, frame.length - body - 4, StandardCharsets.UTF_8);
        inbox.add(JsonParser.parseString(json).getAsJsonObject());
    }

    /** Sends a request and returns its response's body (empty when it has none); a failed response is a failure. */
    JsonObject ask(String command, String arguments) throws InterruptedException {
        int s = ++seq;
        connection.receive("{\"seq\":" + s + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":"
                + arguments + "}");
        JsonObject r = await(m -> "response".equals(text(m, "type")) && m.get("request_seq").getAsInt() == s,
                "the response to " + command);
        disconnected |= "disconnect".equals(command);
        if (!r.get("success").getAsBoolean()) {
            throw new WarmUpFailed(command + " failed: " + r.get("message"));
        }
        return r.has("body") ? r.getAsJsonObject("body") : new JsonObject();
    }

    /** Waits for an event of this name and returns its body. */
    JsonObject event(String name) throws InterruptedException {
        JsonObject e = await(m -> "event".equals(text(m, "type")) && name.equals(text(m, "event")), name);
        return e.has("body") ? e.getAsJsonObject("body") : new JsonObject();
    }

    private JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        for (Iterator<JsonObject> it = unread.iterator(); it.hasNext(); ) {
            JsonObject m = it.next();
            if (wanted.test(m)) {
                it.remove();
                return m;
            }
        }
        while (true) {
            JsonObject m = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new WarmUpFailed("timed out waiting for " + what);
            }
            if (wanted.test(m)) {
                return m;
            }
            if (!"output".equals(text(m, "event"))) {
                unread.add(m);
            }
        }
    }

    private static String text(JsonObject m, String member) {
        return m.has(member) ? m.get(member).getAsString() : "";
    }

    /**
     * Ends the session as a transport does once the client has gone: after the connection's own end of a {@code
     * disconnect} (when one was answered), then its engine stops and its thread ends.
     */
    @Override
    public void close() throws InterruptedException {
        if (disconnected) {
            ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        connection.close();
    }
}
