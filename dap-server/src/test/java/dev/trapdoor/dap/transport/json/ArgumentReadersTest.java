package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-written argument readers against LSP4J's reflective Gson: the same objects, or the same refusal. */
class ArgumentReadersTest {
    private static final Gson REFLECTIVE = new DebugMessageJsonHandler(Map.of()).getGson();
    private static final Gson HOT = new DebugMessageJsonHandler(Map.of(), HotTypes::register).getGson();

    /** Members of every kind, and what a client might get wrong about them. */
    private static final List<String> TEXTS = List.of("{}", "null", "{\"threadId\":1}", "{\"threadId\":\"7\"}",
            "{\"threadId\":null}", "{\"threadId\":1.5}", "{\"threadId\":1e2}", "{\"threadId\":2147483648}",
            "{\"threadId\":{}}", "{\"threadId\":[1]}", "{\"threadId\":true}", "{\"threadId\":\"x\"}",
            "{\"threadId\":3,\"threadId\":4}", "{\"unknown\":{\"a\":[1,{}]},\"threadId\":5,\"more\":null}",
            "{\"singleThread\":true,\"granularity\":\"instruction\",\"threadId\":1}",
            "{\"singleThread\":\"true\",\"granularity\":\"statement\"}", "{\"singleThread\":1}",
            "{\"granularity\":\"nonsense\"}", "{\"granularity\":null,\"singleThread\":null}",
            "{\"startFrame\":0,\"levels\":20,\"format\":{\"parameters\":true,\"hex\":false,\"line\":true}}",
            "{\"startFrame\":null,\"levels\":\"3\",\"format\":null}", "{\"format\":7}", "{\"levels\":-1}",
            "{\"frameId\":1000}", "{\"frameId\":\"1000\"}", "{\"frameId\":null}", "{\"frameId\":[]}",
            "{\"variablesReference\":17,\"filter\":\"indexed\",\"start\":0,\"count\":100,\"format\":{\"hex\":true}}",
            "{\"variablesReference\":17,\"filter\":\"named\"}", "{\"filter\":\"bogus\",\"start\":null}",
            "{\"count\":{\"x\":1}}", "[]", "\"text\"", "5");

    @Test
    void everyReaderReadsWhatTheReflectiveAdapterReads() {
        int compared = 0;
        for (Class<?> type : List.of(NextArguments.class, StackTraceArguments.class, ScopesArguments.class,
                VariablesArguments.class)) {
            for (String text : TEXTS) {
                assertEquals(outcome(REFLECTIVE, text, type), outcome(HOT, text, type), type.getSimpleName() + " "
                        + text);
                compared++;
            }
        }
        assertEquals(4 * TEXTS.size(), compared);
    }

    @Test
    void theReadersAreTheOnesInUse() {
        NextArguments next = HOT.fromJson("{\"threadId\":3,\"granularity\":\"instruction\"}", NextArguments.class);
        assertEquals(3, next.getThreadId());
        assertEquals(SteppingGranularity.INSTRUCTION, next.getGranularity());
        VariablesArguments v = HOT.fromJson("{\"variablesReference\":9,\"filter\":\"named\"}",
                VariablesArguments.class);
        assertEquals(VariablesArgumentsFilter.NAMED, v.getFilter());
        assertInstanceOf(ArgumentAdapters.Variables.class, HOT.getAdapter(VariablesArguments.class));
        assertNull(HOT.fromJson("null", ScopesArguments.class));
    }

    @Test
    void writingGoesThroughTheReflectiveAdapter() {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        a.setLevels(20);
        assertEquals(REFLECTIVE.toJson(a), HOT.toJson(a));
    }

    @Test
    void aRequestMessageGetsTheSameArguments() {
        String text = "{\"seq\":4,\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\":"
                + "12,\"count\":3}}";
        Map<String, org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod> methods = org.eclipse.lsp4j.jsonrpc.services
                .ServiceEndpoints.getSupportedMethods(org.eclipse.lsp4j.debug.services.IDebugProtocolServer.class);
        Message reflective = new DebugMessageJsonHandler(methods).parseMessage(text);
        Message hot = new DebugMessageJsonHandler(methods, HotTypes::register).parseMessage(text);
        assertEquals(((DebugRequestMessage) reflective).getParams(), ((DebugRequestMessage) hot).getParams());
        assertInstanceOf(VariablesArguments.class, ((DebugRequestMessage) hot).getParams());
    }

    /** The object read, or the class of what was thrown and of its cause. */
    private static Object outcome(Gson gson, String text, Class<?> type) {
        try {
            return gson.fromJson(text, type);
        } catch (RuntimeException e) {
            return e.getClass().getName() + (e.getCause() == null ? "" : " / " + e.getCause().getClass().getName());
        }
    }
}
