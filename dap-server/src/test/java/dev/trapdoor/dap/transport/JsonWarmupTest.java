package dev.trapdoor.dap.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonWarmupTest {
    /** Every warm-up request reads back typed (run throws otherwise), and each round frames the same messages. */
    @Test
    void eachRoundReadsAndWritesAStepsMessages() {
        int one = JsonWarmup.run(1);
        assertTrue(one > 1500, "a stack trace, scopes, variables and events: " + one + " bytes");
        assertEquals(3 * one, JsonWarmup.run(3));
    }

    /** It runs beside live connections through the one shared JSON handler: it must not disturb their parsing. */
    @Test
    void theWarmupThreadLeavesOtherThreadsParsing() throws Exception {
        Thread warm = new Thread(() -> JsonWarmup.run(200));
        warm.start();
        for (int i = 0; i < 200; i++) {
            var m = SharedJson.parse("{\"seq\":" + i + ",\"type\":\"request\",\"command\":\"scopes\",\"arguments\":"
                    + "{\"frameId\":" + i + "}}", id -> null);
            assertEquals(i, ((org.eclipse.lsp4j.debug.ScopesArguments)
                    ((org.eclipse.lsp4j.jsonrpc.messages.RequestMessage) m).getParams()).getFrameId());
        }
        warm.join();
    }
}
