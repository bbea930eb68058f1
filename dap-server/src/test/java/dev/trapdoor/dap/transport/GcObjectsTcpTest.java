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
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebAssembly GC objects over DAP ({@code examples/gc.wat}): at the cast failure the exception info names the
 * expected type and the object's; a struct reference expands to its fields by name-section name, an array to its
 * elements a page at a time, and expressions follow fields.
 */
class GcObjectsTcpTest {
    private static TcpServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE, () -> null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A container's variables: name to {value, variablesReference, indexedVariables}. */
    private static Map<String, JsonObject> variables(JsonClient c, int reference, String paging) throws IOException {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        JsonArray vs = c.ask("variables", "{\"variablesReference\":" + reference + paging + "}")
                .getAsJsonArray("variables");
        for (JsonElement v : vs) {
            out.put(v.getAsJsonObject().get("name").getAsString(), v.getAsJsonObject());
        }
        return out;
    }

    private static Map<String, JsonObject> locals(JsonClient c, int frameId) throws IOException {
        for (JsonElement s : c.ask("scopes", "{\"frameId\":" + frameId + "}").getAsJsonArray("scopes")) {
            JsonObject scope = s.getAsJsonObject();
            if (scope.get("name").getAsString().equals("Wasm Locals")) {
                return variables(c, scope.get("variablesReference").getAsInt(), "");
            }
        }
        throw new AssertionError("no Wasm Locals scope");
    }

    private static String value(JsonObject v) {
        return v.get("value").getAsString();
    }

    private static int ref(JsonObject v) {
        return v.get("variablesReference").getAsInt();
    }

    @Test
    void aCastFailureStopsWithObjectsToExpand() throws IOException {
        Path program = Path.of("..", "examples", "gc.wat").toAbsolutePath().normalize();
        try (JsonClient c = new JsonClient(server.address().getPort())) {
            c.ask("initialize", "{\"adapterID\":\"t\"}");
            c.ask("launch", "{\"program\":\"" + program + "\",\"tier\":\"interpreter\"}");
            c.ask("setExceptionBreakpoints", "{\"filters\":[\"trap.cast-failure\"]}");
            c.ask("configurationDone", null);
            assertEquals("exception", c.event("stopped").get("reason").getAsString());
            JsonObject info = c.ask("exceptionInfo", "{\"threadId\":1}");
            assertTrue(info.toString().contains("expected (ref $tree), got struct $node"), info.toString());

            JsonArray frames = c.ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames");
            Map<String, JsonObject> locals = locals(c, frames.get(0).getAsJsonObject().get("id").getAsInt());
            JsonObject any = locals.get("$any");
            assertEquals("struct $node", value(any), locals.toString());
            Map<String, JsonObject> node = variables(c, ref(any), "");
            assertEquals("[$value, $next]", node.keySet().toString());
            assertEquals("1", value(node.get("$value")));
            assertEquals("i32", node.get("$value").get("type").getAsString());
            assertEquals("struct $node", value(node.get("$next")));
            assertEquals("2", value(variables(c, ref(node.get("$next")), "").get("$value")));
            JsonObject third = c.ask("evaluate", "{\"expression\":\"$any.next.next.value\",\"frameId\":"
                    + frames.get(0).getAsJsonObject().get("id").getAsInt() + ",\"context\":\"watch\"}");
            assertEquals("3", third.get("result").getAsString());

            Map<String, JsonObject> start = locals(c, frames.get(1).getAsJsonObject().get("id").getAsInt());
            JsonObject squares = start.get("$squares");
            assertEquals("array $squares[5]", value(squares));
            assertEquals(5, squares.get("indexedVariables").getAsInt());
            Map<String, JsonObject> page = variables(c, ref(squares), ",\"filter\":\"indexed\",\"start\":2,\"count\":2");
            assertEquals("[[2], [3]]", page.keySet().toString());
            assertEquals("9", value(page.get("[3]")));
            c.ask("setVariable", "{\"variablesReference\":" + ref(squares) + ",\"name\":\"[3]\",\"value\":\"10\"}");
            assertEquals("10", value(variables(c, ref(squares), "").get("[3]")));
            Map<String, JsonObject> tree = variables(c, ref(start.get("$tree")), "");
            assertEquals("[$left, $key, $right]", tree.keySet().toString());
            assertEquals("1", value(tree.get("$key")));
            c.ask("disconnect", "{\"terminateDebuggee\":true}");
        }
    }
}
