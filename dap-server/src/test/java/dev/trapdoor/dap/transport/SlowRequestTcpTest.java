package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.session.AttachTarget;
import dev.trapdoor.dap.session.ClientEvents;
import dev.trapdoor.dap.session.DebugSession;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static dev.trapdoor.dap.transport.RawClient.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that blocks on one connection holds up no other: with one blocked connection on each of the server's
 * two event loops, a third connection, which shares an event loop with one of them, launches, stops and steps with
 * the quick requests (handled on that event loop) while the other two still block.
 */
class SlowRequestTcpTest {
    private static final String LOOP = "(module\n (func (export \"_start\") (local i32)\n"
            + "  (loop\n   (local.set 0 (i32.add (local.get 0) (i32.const 1)))\n   (br 0))))\n";

    /** Both ways a connection can handle quick requests: on the session thread (the default), on the event loop. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBlockedConnectionDoesNotHoldUpAnotherOnItsEventLoop(boolean quickOnEventLoop, @TempDir Path tmp)
            throws Exception {
        boolean before = TcpServer.quickOnEventLoop;
        TcpServer.quickOnEventLoop = quickOnEventLoop;
        try {
            aBlockedConnectionDoesNotHoldUpAnotherOnItsEventLoopBody(tmp);
        } finally {
            TcpServer.quickOnEventLoop = before;
        }
    }

    private void aBlockedConnectionDoesNotHoldUpAnotherOnItsEventLoopBody(Path tmp) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Semaphore blocked = new Semaphore(0);
        AttachTarget slow = new AttachTarget() {
            @Override
            public Program attach(DebugSession session, ClientEvents events) {
                blocked.release();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw Failures.failure("attach: nothing to attach to");
            }

            @Override
            public void configured() {
            }

            @Override
            public void detached(DebugSession session) {
            }
        };
        Path program = Files.writeString(tmp.resolve("loop.wat"), LOOP);
        List<RawClient> waiting = new ArrayList<>();
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, tmp, new DwarfVariablesProvider(), () -> slow)) {
            int port = server.address().getPort();
            try {
                for (int i = 0; i < 2; i++) {
                    RawClient w = new RawClient(port);
                    waiting.add(w);
                    w.send(request(1, "initialize", "{\"adapterID\":\"t\"}"));
                    assertTrue(w.response(1, 20_000).contains("\"success\":true"));
                    w.send(request(2, "attach", "{}"));
                    // Pipelined behind the blocked attach: must wait for it, though it is a quick request.
                    w.send(request(3, "threads", null));
                }
                assertTrue(blocked.tryAcquire(2, 20, TimeUnit.SECONDS), "both attach requests reached the target");

                try (JsonClient c = new JsonClient(port)) {
                    c.ask("initialize", "{\"adapterID\":\"t\"}");
                    c.ask("launch", "{\"program\":\"" + program + "\",\"stopOnEntry\":true}");
                    c.ask("configurationDone", null);
                    c.event("stopped");
                    for (int i = 0; i < 5; i++) {
                        int frame = c.top().get("id").getAsInt();
                        c.ask("scopes", "{\"frameId\":" + frame + "}");
                        c.ask("threads", null);
                        c.ask("next", "{\"threadId\":1}");
                        c.event("stopped");
                    }
                    c.ask("disconnect", "{\"terminateDebuggee\":true}");
                }
            } finally {
                release.countDown();
            }
            for (RawClient w : waiting) {
                String attach = w.response(2, 20_000);
                assertTrue(attach.contains("\"success\":false") && attach.contains("nothing to attach to"), attach);
                assertTrue(w.response(3, 20_000).contains("\"success\":true"));
                w.close();
            }
        }
    }
}
