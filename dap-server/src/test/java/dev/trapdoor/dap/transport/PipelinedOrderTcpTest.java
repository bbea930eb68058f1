package dev.trapdoor.dap.transport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of pipelined requests, sent in one write, mixing the quick ones (handled on the event loop when the
 * connection is idle) with ones that go to the session thread, is answered in the order it was sent, and the
 * {@code stopped} event of the step at its end comes after the step's response, round after round.
 */
class PipelinedOrderTcpTest extends TcpServerTest {
    private static final String LOOP = "(module\n (func (export \"_start\") (local i32)\n"
            + "  (loop\n   (local.set 0 (i32.add (local.get 0) (i32.const 1)))\n   (br 0))))\n";

    /** Both ways a connection can handle quick requests: on the session thread (the default), on the event loop. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void responsesAndTheStopFollowTheRequestsOrder(boolean quickOnEventLoop) throws Exception {
        boolean before = TcpServer.quickOnEventLoop;
        TcpServer.quickOnEventLoop = quickOnEventLoop;
        try {
            responsesAndTheStopFollowTheRequestsOrderBody();
        } finally {
            TcpServer.quickOnEventLoop = before;
        }
    }

    private void responsesAndTheStopFollowTheRequestsOrderBody() throws Exception {
        Path program = Files.writeString(tmp.resolve("loop.wat"), LOOP);
        try (JsonClient c = new JsonClient(server.address().getPort())) {
            c.ask("initialize", "{\"adapterID\":\"t\"}");
            c.ask("launch", "{\"program\":\"" + program + "\",\"stopOnEntry\":true}");
            c.ask("configurationDone", null);
            c.event("stopped");
            c.unread.clear(); // launch's module and process events
            for (int round = 0; round < 10; round++) {
                int frame = c.top().get("id").getAsInt();
                int locals = c.ask("scopes", "{\"frameId\":" + frame + "}").getAsJsonArray("scopes").get(0)
                        .getAsJsonObject().get("variablesReference").getAsInt();
                List<String> commands = List.of("threads", "stackTrace", "scopes", "variables", "loadedSources",
                        "variables", "evaluate", "stackTrace", "threads", "next");
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                int first = c.seq;
                for (String command : commands) {
                    burst.write(Frames.frame(request(c.seq++, command, switch (command) {
                        case "stackTrace", "next" -> "{\"threadId\":1}";
                        case "scopes" -> "{\"frameId\":" + frame + "}";
                        case "variables" -> "{\"variablesReference\":" + locals + "}";
                        case "evaluate" -> "{\"expression\":\"1+1\",\"frameId\":" + frame + "}";
                        default -> null;
                    })));
                }
                c.raw.sendRaw(burst.toString(StandardCharsets.UTF_8));

                List<String> seen = new ArrayList<>();
                for (int i = 0; i <= commands.size(); i++) {
                    String text = c.raw.next(20_000);
                    assertTrue(!text.startsWith("<"), "round " + round + " after " + seen + ": " + text);
                    JsonObject m = JsonParser.parseString(text).getAsJsonObject();
                    if (m.get("type").getAsString().equals("event")) {
                        seen.add("event " + m.get("event").getAsString());
                    } else {
                        seen.add(m.get("command").getAsString() + " " + m.get("request_seq").getAsInt());
                        boolean mayFail = m.get("command").getAsString().equals("evaluate");
                        assertTrue(mayFail || m.get("success").getAsBoolean(), text);
                    }
                }
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < commands.size(); i++) {
                    expected.add(commands.get(i) + " " + (first + i));
                }
                expected.add("event stopped");
                assertEquals(expected, seen, "round " + round);
            }
            c.ask("disconnect", "{\"terminateDebuggee\":true}");
        }
    }
}
