package dev.trapdoor.dap.transport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trapdoor.dap.source.DwarfVariablesProvider;
import dev.trapdoor.dap.warm.ServerWarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client cannot tell a warmed server from a cold one: the first session on a server started right after a warm-up
 * gets the same messages (sequence numbers, thread, frame and variable ids, events, in order) as a session on a
 * server started without one, and the warm-up's sessions count toward no server's sessions.
 */
class WarmedServerTcpTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theFirstSessionAfterAWarmUpSeesWhatItSeesWithout() throws Exception {
        List<String> cold;
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, tmp, new DwarfVariablesProvider(), () -> null)) {
            cold = transcript(server.address().getPort());
        }
        DwarfVariablesProvider variables = new DwarfVariablesProvider();
        ServerWarmUp.Report r = ServerWarmUp.run(tmp, variables, new ServerWarmUp.Plan(2, 2, 5, 1,
                Duration.ofSeconds(60)));
        assertEquals(10, r.steps());
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, tmp, variables, () -> null)) {
            assertEquals(0, server.sessions());
            List<String> warmed = transcript(server.address().getPort());
            assertEquals(cold, warmed);
        }
    }

    /**
     * Every message of a session that stops at debugme.c's loop, takes three line steps reading the stack, scopes and
     * variables at each stop, and runs to the end: the responses in order, then the events in order (the engine's
     * events and the answers to requests may interleave either way).
     */
    private static List<String> transcript(int port) throws Exception {
        List<String> responses = new ArrayList<>();
        List<String> events = new ArrayList<>();
        try (RawClient c = new RawClient(port)) {
            Session s = new Session(c, responses, events);
            s.ask("initialize", "{\"adapterID\":\"trapdoor\",\"linesStartAt1\":true,\"columnsStartAt1\":true}");
            s.ask("launch", "{\"program\":" + json(EXAMPLES.resolve("debugme.wasm")) + "}");
            String source = "{\"path\":" + json(EXAMPLES.resolve("debugme.c")) + "}";
            s.ask("setBreakpoints", "{\"source\":" + source + ",\"breakpoints\":[{\"line\":23}]}");
            s.ask("configurationDone", "{}");
            s.awaitEvent("stopped");
            for (int step = 0; step < 3; step++) {
                s.ask("threads", "{}");
                JsonObject frame = s.ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames").get(0)
                        .getAsJsonObject();
                JsonArray scopes = s.ask("scopes", "{\"frameId\":" + frame.get("id").getAsInt() + "}")
                        .getAsJsonArray("scopes");
                for (JsonElement scope : scopes) {
                    s.ask("variables", "{\"variablesReference\":"
                            + scope.getAsJsonObject().get("variablesReference").getAsInt() + "}");
                }
                s.ask("next", "{\"threadId\":1}");
                s.awaitEvent("stopped");
            }
            s.ask("setBreakpoints", "{\"source\":" + source + ",\"breakpoints\":[]}");
            s.ask("continue", "{\"threadId\":1}");
            s.awaitEvent("terminated");
            s.ask("disconnect", "{}");
        }
        assertTrue(events.size() >= 6, events.toString());
        List<String> all = new ArrayList<>(responses);
        all.addAll(events);
        return all;
    }

    private static String json(Path p) {
        return new com.google.gson.JsonPrimitive(p.toString()).toString();
    }

    /** Reads every message in arrival order into the responses or the events. */
    private static final class Session {
        private final RawClient c;
        private final List<String> responses;
        private final List<String> events;
        /** Events of each name waited for so far. */
        private final Map<String, Integer> awaited = new HashMap<>();

        Session(RawClient c, List<String> responses, List<String> events) {
            this.c = c;
            this.responses = responses;
            this.events = events;
        }

        JsonObject ask(String command, String arguments) throws Exception {
            int s = responses.size() + 1;
            c.send(request(s, command, arguments));
            while (responses.size() < s) {
                next();
            }
            JsonObject m = JsonParser.parseString(responses.get(s - 1)).getAsJsonObject();
            assertEquals(s, m.get("request_seq").getAsInt());
            assertTrue(m.get("success").getAsBoolean(), m.toString());
            return m.has("body") ? m.getAsJsonObject("body") : new JsonObject();
        }

        void awaitEvent(String name) throws Exception {
            int wanted = awaited.merge(name, 1, Integer::sum);
            while (events.stream().filter(e -> e.contains("\"event\":\"" + name + "\"")).count() < wanted) {
                next();
            }
        }

        private void next() throws Exception {
            String text = c.next(20_000);
            assertFalse(text.startsWith("<"), "no message: " + text);
            JsonObject m = JsonParser.parseString(text).getAsJsonObject();
            (m.get("type").getAsString().equals("event") ? events : responses).add(text);
        }
    }
}
