package dev.trapdoor.dap.transport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * v128 fields and elements of GC objects over DAP ({@code src/test/resources/gc/v128fields.wat}): each shows its 16
 * bytes, expands to its lane views, follows in expressions ({@code $p.pos.i32x4[1]}) and can be set; an i31 shows
 * its value.
 */
class GcV128TcpTest {
    private static TcpServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE, () -> null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String value(JsonObject v) {
        return v.get("value").getAsString();
    }

    private static int ref(JsonObject v) {
        return v.get("variablesReference").getAsInt();
    }

    @Test
    void v128FieldsShowExpandAndSet() throws IOException {
        Path program = Path.of("src", "test", "resources", "gc", "v128fields.wat").toAbsolutePath();
        try (JsonClient c = new JsonClient(server.address().getPort())) {
            c.ask("initialize", "{\"adapterID\":\"t\"}");
            c.ask("launch", "{\"program\":\"" + program + "\",\"tier\":\"interpreter\"}");
            c.ask("setExceptionBreakpoints", "{\"filters\":[\"trap.unreachable\"]}");
            c.ask("configurationDone", null);
            assertEquals("exception", c.event("stopped").get("reason").getAsString());
            JsonArray frames = c.ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames");
            int frameId = frames.get(0).getAsJsonObject().get("id").getAsInt();
            Map<String, JsonObject> locals = null;
            for (JsonElement s : c.ask("scopes", "{\"frameId\":" + frameId + "}").getAsJsonArray("scopes")) {
                if (s.getAsJsonObject().get("name").getAsString().equals("Wasm Locals")) {
                    locals = c.variablesByName(ref(s.getAsJsonObject()));
                }
            }
            assertEquals("struct $particle", value(locals.get("$p")), String.valueOf(locals));
            assertEquals("i31 -5", value(locals.get("$small")));

            Map<String, JsonObject> p = c.variablesByName(ref(locals.get("$p")));
            assertEquals("[$id, $pos]", p.keySet().toString());
            JsonObject pos = p.get("$pos");
            assertEquals("(mut v128)", pos.get("type").getAsString());
            assertEquals("0x00000004000000030000000200000001", value(pos));
            assertEquals("1 2 3 4", value(c.variablesByName(ref(pos)).get("i32x4")));

            c.ask("setVariable", "{\"variablesReference\":" + ref(locals.get("$p"))
                    + ",\"name\":\"$pos\",\"value\":\"i32x4 9 8 7 6\"}");
            JsonObject lane = c.ask("evaluate", "{\"expression\":\"$p.pos.i32x4[1]\",\"frameId\":" + frameId
                    + ",\"context\":\"watch\"}");
            assertEquals("8", lane.get("result").getAsString());

            JsonObject trail = locals.get("$trail");
            assertEquals("array $lanes[3]", value(trail));
            Map<String, JsonObject> elements = c.variablesByName(ref(trail));
            assertEquals("0x00000000000000060000000000000005", value(elements.get("[0]")));
            assertEquals("-1 0 0 0 0 0 0 9", value(c.variablesByName(ref(elements.get("[2]"))).get("i16x8")));
            c.ask("disconnect", "{\"terminateDebuggee\":true}");
        }
    }
}
