package dev.trapdoor.dap.warm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The warm-up's client: it sends requests over a {@link WarmUpLink} and waits for each answer as an editor does.
 * Output events are dropped unread; they only have to be sent.
 */
final class WarmUpClient implements AutoCloseable {
    private final List<JsonObject> unread = new ArrayList<>();
    private final WarmUpLink link;
    private int seq;
    private boolean disconnected;

    WarmUpClient(WarmUpLink link) {
        this.link = link;
    }

    /** Sends a request and returns its response's body (empty when it has none); a failed response is a failure. */
    JsonObject ask(String command, String arguments) throws IOException, InterruptedException {
        int s = ++seq;
        link.send("{\"seq\":" + s + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":"
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
    JsonObject event(String name) throws IOException, InterruptedException {
        JsonObject e = await(m -> "event".equals(text(m, "type")) && name.equals(text(m, "event")), name);
        return e.has("body") ? e.getAsJsonObject("body") : new JsonObject();
    }

    private JsonObject await(Predicate<JsonObject> wanted, String what) throws IOException, InterruptedException {
        for (Iterator<JsonObject> it = unread.iterator(); it.hasNext(); ) {
            JsonObject m = it.next();
            if (wanted.test(m)) {
                it.remove();
                return m;
            }
        }
        while (true) {
            String json = link.next(what);
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

    private static String text(JsonObject m, String member) {
        return m.has(member) ? m.get(member).getAsString() : "";
    }

    /** Ends the session as a client does once it has what it wanted. */
    @Override
    public void close() throws IOException, InterruptedException {
        link.close(disconnected);
    }
}
