package dev.trapdoor.dap.transport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that keeps the messages it has read but not yet asked for. */
final class JsonClient implements AutoCloseable {
    final RawClient raw;
    final List<JsonObject> unread = new ArrayList<>();
    int seq = 1;

    JsonClient(int port) throws IOException {
        raw = new RawClient(port);
    }

    JsonObject await(Predicate<JsonObject> wanted) throws IOException {
        for (int i = 0; ; i++) {
            for (JsonObject m : unread) {
                if (wanted.test(m)) {
                    unread.remove(m);
                    return m;
                }
            }
            String next = raw.next(20_000);
            if (next.startsWith("<") || i > 200) {
                throw new AssertionError("no such message: " + next + " after " + unread);
            }
            unread.add(JsonParser.parseString(next).getAsJsonObject());
        }
    }

    JsonObject ask(String command, String arguments) throws IOException {
        int s = seq++;
        raw.send(request(s, command, arguments));
        JsonObject r = await(m -> m.get("type").getAsString().equals("response")
                && m.get("request_seq").getAsInt() == s);
        assertTrue(r.get("success").getAsBoolean(), r.toString());
        return r.has("body") ? r.getAsJsonObject("body") : new JsonObject();
    }

    JsonObject event(String name) throws IOException {
        return await(m -> m.get("type").getAsString().equals("event") && m.get("event").getAsString().equals(name))
                .getAsJsonObject("body");
    }

    /** The scopes of the top frame, each by name with its variables as name to value. */
    Map<String, Map<String, String>> scopes() throws IOException {
        int frame = ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames").get(0).getAsJsonObject()
                .get("id").getAsInt();
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonElement s : ask("scopes", "{\"frameId\":" + frame + "}").getAsJsonArray("scopes")) {
            JsonObject scope = s.getAsJsonObject();
            Map<String, String> vars = new LinkedHashMap<>();
            JsonArray vs = ask("variables", "{\"variablesReference\":"
                    + scope.get("variablesReference").getAsInt() + "}").getAsJsonArray("variables");
            for (JsonElement v : vs) {
                vars.put(v.getAsJsonObject().get("name").getAsString(),
                        v.getAsJsonObject().get("value").getAsString());
            }
            out.put(scope.get("name").getAsString(), vars);
        }
        return out;
    }

    /** The variables of {@code reference}, by name, in the order the server lists them. */
    Map<String, JsonObject> variablesByName(int reference) throws IOException {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (JsonElement v : ask("variables", "{\"variablesReference\":" + reference + "}")
                .getAsJsonArray("variables")) {
            out.put(v.getAsJsonObject().get("name").getAsString(), v.getAsJsonObject());
        }
        return out;
    }

    void attach(String breakpoints) throws IOException {
        ask("initialize", "{\"adapterID\":\"t\"}");
        ask("attach", "{}");
        ask("setFunctionBreakpoints", "{\"breakpoints\":[" + breakpoints + "]}");
        ask("configurationDone", null);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** The top frame of thread 1: its name and line. */
    JsonObject top() throws IOException {
        return ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames").get(0).getAsJsonObject();
    }

    /** Waits for the next stop or the end: the stop's reason, or "exited". */
    String stopOrExit() throws IOException {
        JsonObject m = await(e -> e.get("type").getAsString().equals("event")
                && (e.get("event").getAsString().equals("stopped") || e.get("event").getAsString().equals("exited")));
        return m.get("event").getAsString().equals("exited") ? "exited"
                : m.getAsJsonObject("body").get("reason").getAsString();
    }
}
