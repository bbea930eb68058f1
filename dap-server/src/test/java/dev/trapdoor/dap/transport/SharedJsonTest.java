package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.RunInTerminalResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedJsonTest {
    private static final String RESPONSE = "{\"seq\":9,\"type\":\"response\",\"request_seq\":3,\"success\":true,"
            + "\"command\":\"runInTerminal\",\"body\":{\"processId\":42}}";

    /** A response's body type comes from the request it answers, which only its own connection knows. */
    @Test
    void aResponseIsTypedByTheMethodProviderOfTheConnectionParsingIt() throws Exception {
        ExecutorService a = Executors.newSingleThreadExecutor();
        ExecutorService b = Executors.newSingleThreadExecutor();
        try {
            Message typed = a.submit(() -> SharedJson.parse(RESPONSE, id -> "3".equals(id) ? "runInTerminal" : null))
                    .get(1, TimeUnit.MINUTES);
            Message untyped = b.submit(() -> SharedJson.parse(RESPONSE, id -> null)).get(1, TimeUnit.MINUTES);
            RunInTerminalResponse body = assertInstanceOf(RunInTerminalResponse.class,
                    ((ResponseMessage) typed).getResult());
            assertEquals(42, body.getProcessId());
            assertFalse(((ResponseMessage) untyped).getResult() instanceof RunInTerminalResponse,
                    "the other connection knows no request 3");
        } finally {
            a.shutdownNow();
            b.shutdownNow();
        }
    }

    @Test
    void threadsParseAndSerializeAtOnceThroughTheOneHandler() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 500; i++) {
                        int seq = thread * 1000 + i;
                        String text = "{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"stackTrace\","
                                + "\"arguments\":{\"threadId\":" + thread + ",\"levels\":" + i + "}}";
                        RequestMessage m = (RequestMessage) SharedJson.parse(text, id -> null);
                        StackTraceArguments args = (StackTraceArguments) m.getParams();
                        if (args.getThreadId() != thread || args.getLevels() != i
                                || !SharedJson.serialize(m).toString().contains("\"levels\":" + i + "}")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            go.countDown();
            for (Future<Boolean> r : results) {
                assertTrue(r.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
