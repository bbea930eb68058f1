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

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Setting GC reference slots over DAP ({@code gc/refslots.wat}): a local, a parameter, a global and a field take
 * null or a reference of their declared type, and refuse any other value with a sentence; fields without names show
 * as {@code field N} and follow by index ({@code $list.1.0}). The proof that a write reaches the program: storing a
 * node in {@code $other} at {@code $check}'s entry makes its cast succeed, so the program ends without the trap it
 * has otherwise.
 */
class GcReferenceSlotsTcpTest {
    private static TcpServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE, () -> null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int scope(JsonClient c, int frameId, String name) throws IOException {
        for (JsonElement s : c.ask("scopes", "{\"frameId\":" + frameId + "}").getAsJsonArray("scopes")) {
            if (s.getAsJsonObject().get("name").getAsString().equals(name)) {
                return s.getAsJsonObject().get("variablesReference").getAsInt();
            }
        }
        throw new AssertionError("no scope " + name);
    }

    /** A request that must fail: its error message. */
    private static String refused(JsonClient c, String command, String arguments) throws IOException {
        int s = c.seq++;
        c.raw.send(request(s, command, arguments));
        JsonObject r = c.await(m -> m.get("type").getAsString().equals("response")
                && m.get("request_seq").getAsInt() == s);
        assertFalse(r.get("success").getAsBoolean(), r.toString());
        return r.toString();
    }

    private static String value(JsonObject v) {
        return v.get("value").getAsString();
    }

    private static String set(JsonClient c, int frameId, String target, String value) {
        return "{\"expression\":\"" + target + "\",\"value\":\"" + value + "\",\"frameId\":" + frameId + "}";
    }

    private static JsonClient launch(Path program, boolean stopAtCheck) throws IOException {
        JsonClient c = new JsonClient(server.address().getPort());
        c.ask("initialize", "{\"adapterID\":\"t\"}");
        c.ask("launch", "{\"program\":\"" + program + "\",\"tier\":\"interpreter\"}");
        c.ask("setExceptionBreakpoints", "{\"filters\":[\"trap.cast-failure\"]}");
        if (stopAtCheck) {
            c.ask("setFunctionBreakpoints", "{\"breakpoints\":[{\"name\":\"check\"}]}");
        }
        c.ask("configurationDone", null);
        return c;
    }

    private static Path program() {
        return Path.of("src", "test", "resources", "gc", "refslots.wat").toAbsolutePath();
    }

    @Test
    void referenceSlotsTakeValuesOfTheirTypeOnly() throws IOException {
        try (JsonClient c = launch(program(), true)) {
            assertEquals("function breakpoint", c.event("stopped").get("reason").getAsString());
            JsonArray frames = c.ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames");
            int check = frames.get(0).getAsJsonObject().get("id").getAsInt();
            int locals = scope(c, check, "Wasm Locals");
            Map<String, JsonObject> vars = c.variablesByName(locals);
            assertEquals("struct $box", value(vars.get("$other")), vars.toString());

            // Unnamed fields: "field N", followed by index.
            Map<String, JsonObject> node = c.variablesByName(vars.get("$list").get("variablesReference").getAsInt());
            assertEquals("[field 0, field 1]", node.keySet().toString());
            assertEquals("(mut (ref null $node))", node.get("field 1").get("type").getAsString());
            JsonObject second = c.ask("evaluate", "{\"expression\":\"$list.1.0\",\"frameId\":" + check
                    + ",\"context\":\"watch\"}");
            assertEquals("2", second.get("result").getAsString());

            // Wrong types are refused, naming the slot's type and the value's.
            String msg = refused(c, "setExpression", set(c, check, "$list", "$other"));
            assertTrue(msg.contains("$list is (ref null $node): struct $box does not fit"), msg);
            msg = refused(c, "setExpression", set(c, check, "$box", "null"));
            assertTrue(msg.contains("$box is (ref $box): null does not fit"), msg);
            msg = refused(c, "setVariable", "{\"variablesReference\":" + locals
                    + ",\"name\":\"$list\",\"value\":\"12345\"}");
            assertTrue(msg.contains("$list is (ref null $node): reference 12345 does not fit"), msg);
            msg = refused(c, "setExpression", set(c, check, "$list.1", "$box"));
            assertTrue(msg.contains("$list.1 is (mut (ref null $node)): struct $box does not fit"), msg);
            msg = refused(c, "setExpression", set(c, check, "global[0]", "$box"));
            assertTrue(msg.contains("does not fit"), msg);

            // Values of the declared type go in: a subtype (a node into anyref), null where nullable.
            c.ask("setExpression", set(c, check, "$list.1", "null"));
            assertEquals("null", c.ask("evaluate", "{\"expression\":\"$list.1\",\"frameId\":" + check
                    + ",\"context\":\"watch\"}").get("result").getAsString());
            c.ask("setExpression", set(c, check, "global[0]", "null"));
            c.ask("setExpression", set(c, check, "$other", "$list"));
            assertEquals("struct $node", value(c.variablesByName(locals).get("$other")));
            c.ask("setVariable", "{\"variablesReference\":" + locals + ",\"name\":\"$list\",\"value\":\"null\"}");
            assertEquals("null", value(c.variablesByName(locals).get("$list")));

            // The cast now succeeds: no trap stops the program, it ends.
            c.ask("continue", "{\"threadId\":1}");
            assertEquals(0, c.event("exited").get("exitCode").getAsInt());
        }
    }

    @Test
    void withoutTheWriteTheCastFails() throws IOException {
        try (JsonClient c = launch(program(), false)) {
            assertEquals("exception", c.event("stopped").get("reason").getAsString());
            JsonObject info = c.ask("exceptionInfo", "{\"threadId\":1}");
            assertTrue(info.toString().contains("expected (ref $node), got struct $box"), info.toString());
            c.ask("disconnect", "{\"terminateDebuggee\":true}");
        }
    }
}
