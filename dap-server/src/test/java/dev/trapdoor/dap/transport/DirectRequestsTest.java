package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DirectRequests#parse} takes the stepping requests LSP4J would parse, with the arguments LSP4J parses from
 * them, and leaves everything else (other commands, odd shapes, errors) to LSP4J.
 */
class DirectRequestsTest {
    private static final List<String> TAKEN = List.of(
            "{\"seq\":7,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":1}}",
            "{\"command\":\"next\",\"type\":\"request\",\"seq\":8,\"arguments\":{\"threadId\":1,"
                    + "\"granularity\":\"instruction\",\"singleThread\":true,\"unknown\":[1,{\"a\":null}]}}",
            "{\"seq\":9,\"type\":\"request\",\"command\":\"stepIn\",\"arguments\":{\"threadId\":1,\"targetId\":3}}",
            "{\"seq\":10,\"type\":\"request\",\"command\":\"stepOut\"}",
            "{\"seq\":11,\"type\":\"request\",\"command\":\"continue\",\"arguments\":null}",
            "{\"seq\":12,\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":1,"
                    + "\"startFrame\":2,\"levels\":20,\"format\":{\"parameters\":true,\"hex\":false}}}",
            "{\"seq\":13,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":{\"frameId\":1000001}}",
            "{\"seq\":14,\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\":5,"
                    + "\"filter\":\"indexed\",\"start\":1,\"count\":2,\"format\":{\"hex\":true}}}",
            "  {\"seq\":\"15\",\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\""
                    + ":5.0}}  ",
            "{\"seq\":16,\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\":null}}");

    /** What editors send: read by PlainRequests, without Gson. */
    private static final List<String> PLAIN = List.of(
            "{\"seq\":7,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":1}}",
            " { \"command\" : \"next\" ,\r\n\t\"type\":\"request\", \"seq\":2147483647, \"arguments\" : { \"threadId\" :"
                    + " -2147483648 , \"granularity\" : \"instruction\" , \"singleThread\" : false } } ",
            "{\"seq\":0,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"granularity\":\"statement\","
                    + "\"threadId\":null,\"singleThread\":null,\"x\":\"é🙂\",\"y\":true,\"z\":null,\"w\":-5}}",
            "{\"seq\":3,\"type\":\"request\",\"command\":\"stepIn\",\"arguments\":{\"threadId\":1,\"targetId\":3,"
                    + "\"granularity\":\"line\",\"singleThread\":true}}",
            "{\"seq\":3,\"type\":\"request\",\"command\":\"stepIn\",\"arguments\":{\"targetId\":null}}",
            "{\"seq\":4,\"type\":\"request\",\"command\":\"stepOut\",\"arguments\":{\"threadId\":1,"
                    + "\"granularity\":null}}",
            "{\"seq\":5,\"type\":\"request\",\"command\":\"continue\",\"arguments\":{\"threadId\":1,"
                    + "\"singleThread\":false,\"threadId\":2}}",
            "{\"seq\":6,\"type\":\"request\",\"command\":\"continue\",\"arguments\":null}",
            "{\"seq\":6,\"type\":\"request\",\"command\":\"stepOut\"}",
            "{\"seq\":6,\"type\":\"request\",\"command\":\"stepOut\",\"arguments\":{}}",
            "{\"seq\":12,\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":1,"
                    + "\"startFrame\":0,\"levels\":20}}",
            "{\"seq\":12,\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":1,"
                    + "\"startFrame\":null,\"levels\":null}}",
            "{\"seq\":13,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":{\"frameId\":1000001}}",
            "{\"seq\":14,\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\":5,"
                    + "\"filter\":\"indexed\",\"start\":1,\"count\":2}}",
            "{\"seq\":14,\"type\":\"request\",\"command\":\"variables\",\"arguments\":{\"variablesReference\":5,"
                    + "\"filter\":\"named\",\"start\":null,\"count\":0}}",
            "{\"seq\":15,\"type\":\"request\",\"extra\":\"x\",\"command\":\"variables\",\"arguments\":"
                    + "{\"variablesReference\":7,\"filter\":null}}");

    /** Plain requests but for one thing Gson reads (escapes, nested values, numbers that are not plain integers). */
    private static final List<String> GSON_ONLY = List.of(
            "{\"seq\":\"15\",\"type\":\"request\",\"command\":\"next\"}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":1.0}}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":-0}}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"x\":\"a\\\"b\"}}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"x\":[1]}}",
            "{\"seq\":1,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"granularity\":\"odd\"}}",
            "{\"seq\":1,\"type\":\"req\\u0075est\",\"command\":\"next\"}",
            "{\"seq\":12,\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":1,"
                    + "\"format\":{\"hex\":true}}}");

    private static final List<String> LEFT = List.of(
            "{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}",
            "{\"seq\":2,\"type\":\"request\",\"command\":\"evaluate\",\"arguments\":{\"expression\":\"x\"}}",
            "{\"seq\":3,\"type\":\"request\",\"arguments\":{\"threadId\":1},\"command\":\"next\"}",
            "{\"seq\":4,\"type\":\"event\",\"command\":\"next\"}",
            "{\"seq\":5,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":\"one\"}}",
            "{\"seq\":6,\"type\":\"request\",\"command\":\"next\",\"arguments\":[{\"threadId\":1}]}",
            "{\"seq\":7,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":1}} trailing",
            "{\"seq\":8,\"type\":\"request\",\"command\":\"next\",\"command\":\"launch\"}",
            "{\"seq\":9,\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":1}",
            "{\"seq\":99999999999,\"type\":\"request\",\"command\":\"next\"}",
            "{\"seq\":10,\"command\":\"next\"}",
            "[1,2]",
            "");

    @Test
    void theSteppingRequestsAreReadAsLsp4jReadsThem() {
        for (String text : TAKEN) {
            DirectRequests.Request r = DirectRequests.parse(text, SharedJson.gson());
            assertNotNull(r, text);
            RequestMessage lsp4j = assertInstanceOf(RequestMessage.class, SharedJson.parse(text, id -> null), text);
            assertEquals(lsp4j.getId(), String.valueOf(r.seq()), text);
            assertEquals(lsp4j.getMethod(), r.command(), text);
            assertEquals(lsp4j.getParams(), r.arguments(), text);
        }
        NextArguments next = assertInstanceOf(NextArguments.class,
                DirectRequests.parse(TAKEN.get(1), SharedJson.gson()).arguments());
        assertEquals(Boolean.TRUE, next.getSingleThread());
        StackTraceArguments paged = assertInstanceOf(StackTraceArguments.class,
                DirectRequests.parse(TAKEN.get(5), SharedJson.gson()).arguments());
        assertEquals(2, paged.getStartFrame());
        assertEquals(20, paged.getLevels());
        VariablesArguments page = assertInstanceOf(VariablesArguments.class,
                DirectRequests.parse(TAKEN.get(7), SharedJson.gson()).arguments());
        assertEquals(1, page.getStart());
        assertEquals(2, page.getCount());
    }

    @Test
    void thePlainShapeIsReadWithoutGsonAsLsp4jReadsIt() {
        for (String text : PLAIN) {
            DirectRequests.Request r = PlainRequests.parse(text, SharedJson.gson());
            assertNotNull(r, text);
            sameAsLsp4j(text, r);
            sameAsLsp4j(text, DirectRequests.withGson(text, SharedJson.gson()));
        }
        for (String text : GSON_ONLY) {
            assertNull(PlainRequests.parse(text, SharedJson.gson()), text);
            DirectRequests.Request r = DirectRequests.parse(text, SharedJson.gson());
            if (r != null) {
                sameAsLsp4j(text, r);
            }
        }
        for (String text : TAKEN) {
            DirectRequests.Request r = PlainRequests.parse(text, SharedJson.gson());
            if (r != null) {
                sameAsLsp4j(text, r);
            }
        }
        for (String text : LEFT) {
            DirectRequests.Request r = PlainRequests.parse(text, SharedJson.gson());
            assertTrue(r == null || r == PlainRequests.NOT_TAKEN, text);
        }
        assertSame(PlainRequests.NOT_TAKEN, PlainRequests.parse(LEFT.get(0), SharedJson.gson()), "threads");
        assertSame(PlainRequests.NOT_TAKEN, PlainRequests.parse(LEFT.get(1), SharedJson.gson()), "evaluate");
    }

    private static void sameAsLsp4j(String text, DirectRequests.Request r) {
        assertNotNull(r, text);
        RequestMessage lsp4j = assertInstanceOf(RequestMessage.class, SharedJson.parse(text, id -> null), text);
        assertEquals(lsp4j.getId(), String.valueOf(r.seq()), text);
        assertEquals(lsp4j.getMethod(), r.command(), text);
        assertEquals(lsp4j.getParams(), r.arguments(), text);
    }

    @Test
    void everythingElseIsLeftToLsp4j() {
        for (String text : LEFT) {
            assertNull(DirectRequests.parse(text, SharedJson.gson()), text);
        }
        // LSP4J reads arguments that come before their command too.
        Message reordered = SharedJson.parse(LEFT.get(2), id -> null);
        assertEquals(1, ((NextArguments) ((RequestMessage) reordered).getParams()).getThreadId());
    }
}
