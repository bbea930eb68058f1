package dev.trapdoor.dap.transport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output and stopped events written by the connection's own writer ({@link DapConnection#DIRECT_EVENTS}): the same
 * bytes LSP4J frames for them, numbered from the same {@code seq} counter as the responses and other events around
 * them, in the order they were sent.
 */
class DirectEventsTest {
    private static final DebugMessageJsonHandler LSP4J =
            new DebugMessageJsonHandler(ServiceEndpoints.getSupportedMethods(IDebugProtocolClient.class));
    private static final String AWKWARD = "a<b>&'=\"\\\n\t\u0001é\u2028🙂";

    @Test
    void outputEventsShareTheSeqCounterAndAreFramedAsLsp4jFramesThem() throws Exception {
        assertTrue(DapConnection.DIRECT_EVENTS, "on by default");
        BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
        DapConnection connection = new DapConnection(frames::add, Path.of("."), null, null, () -> { });
        try {
            connection.receive("{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":"
                    + "{\"adapterID\":\"t\"}}");
            List<byte[]> got = new ArrayList<>();
            got.add(next(frames)); // the response
            got.add(next(frames)); // initialized
            connection.session().events().output("stdout", AWKWARD);
            connection.session().events().output("console", "second\n");
            StoppedEventArguments stopped = new StoppedEventArguments();
            stopped.setReason("step");
            stopped.setThreadId(1);
            stopped.setAllThreadsStopped(true);
            connection.session().events().stopped(stopped);
            connection.receive("{\"seq\":2,\"type\":\"request\",\"command\":\"threads\"}");
            for (int i = 0; i < 4; i++) {
                got.add(next(frames));
            }
            int[] seqs = new int[got.size()];
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = body(got.get(i)).get("seq").getAsInt();
            }
            assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, seqs, Arrays.toString(seqs));
            assertEquals("initialized", body(got.get(1)).get("event").getAsString());
            assertArrayEquals(lsp4jFrame(3, "stdout", AWKWARD), got.get(2));
            assertArrayEquals(lsp4jFrame(4, "console", "second\n"), got.get(3));
            assertArrayEquals(lsp4jFrame(5, "stopped", stopped), got.get(4));
            assertEquals("threads", body(got.get(5)).get("command").getAsString());
        } finally {
            connection.close();
        }
    }

    private static byte[] next(BlockingQueue<byte[]> frames) throws InterruptedException {
        byte[] frame = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "a message within 10 s");
        return frame;
    }

    private static JsonObject body(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        return JsonParser.parseString(text.substring(text.indexOf("\r\n\r\n") + 4)).getAsJsonObject();
    }

    private static byte[] lsp4jFrame(int seq, String category, String output) {
        OutputEventArguments body = new OutputEventArguments();
        body.setCategory(category);
        body.setOutput(output);
        return lsp4jFrame(seq, "output", body);
    }

    private static byte[] lsp4jFrame(int seq, String method, Object body) {
        DebugNotificationMessage event = new DebugNotificationMessage();
        event.setId(seq);
        event.setMethod(method);
        event.setParams(body);
        return Frames.frame(LSP4J.serialize(event));
    }
}
