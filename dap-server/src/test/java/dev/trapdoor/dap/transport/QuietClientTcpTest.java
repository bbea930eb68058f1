package dev.trapdoor.dap.transport;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends one request and then only waits gets the response and every event it causes, in protocol
 * order, with no later traffic of its own to push them out: the TCP transport batches its writes and flushes each
 * batch itself.
 */
class QuietClientTcpTest extends TcpServerTest {
    @Test
    void eachRequestsResponseAndEventsArriveWithoutMoreTraffic() throws Exception {
        Path program = Files.writeString(tmp.resolve("p.wat"),
                "(module\n (func (export \"_start\")\n  (drop (i32.const 1))\n  (drop (i32.const 2))))\n");
        try (RawClient c = new RawClient(server.address().getPort())) {
            c.send(request(1, "initialize", "{\"adapterID\":\"t\"}"));
            String response = c.next(20_000);
            assertTrue(response.contains("\"request_seq\":1,") && response.contains("\"success\":true"), response);
            String initialized = c.next(20_000);
            assertTrue(initialized.contains("\"event\":\"initialized\""), initialized);

            c.send(request(2, "launch", "{\"program\":\"" + program + "\",\"stopOnEntry\":true}"));
            // Launch's events (module, process) may come before or after its response.
            String launched = c.response(2, 20_000);
            assertTrue(launched.contains("\"success\":true"), launched);

            c.send(request(3, "configurationDone", null));
            assertTrue(until(c, "\"request_seq\":3,").contains("\"success\":true"));
            assertTrue(until(c, "\"event\":\"stopped\"").contains("\"reason\":\"entry\""));

            c.send(request(4, "continue", "{\"threadId\":1}"));
            assertTrue(until(c, "\"request_seq\":4,").contains("\"success\":true"));
            assertTrue(until(c, "\"event\":\"exited\"").contains("\"exitCode\":0"));
            assertTrue(c.next(20_000).contains("\"event\":\"terminated\""));

            c.send(request(5, "disconnect", "{\"terminateDebuggee\":true}"));
            assertTrue(c.response(5, 20_000).contains("\"success\":true"));
            assertEquals("<closed>", drain(c));
        }
    }

    /** The first message containing {@code text}, skipping others (launch's module and source events). */
    private static String until(RawClient c, String text) throws Exception {
        for (int i = 0; i < 20; i++) {
            String m = c.next(20_000);
            if (m.startsWith("<") || m.contains(text)) {
                return m;
            }
        }
        return "<not seen: " + text + ">";
    }

    private static String drain(RawClient c) throws Exception {
        for (int i = 0; i < 20; i++) {
            String m = c.next(20_000);
            if (m.startsWith("<")) {
                return m;
            }
        }
        return "<still talking>";
    }
}
