package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first request of each per-stop kind runs alone; the others, and everything after it, run side by side. */
@Timeout(30) // a wrongly held request deadlocks these tests instead of failing them
class FirstRequestsTest {
    private final FirstRequests gate = new FirstRequests();
    private final Message message = new RequestMessage();

    /** Starts {@code kind} on another thread and returns once that thread waits at the gate or has finished. */
    private Thread onAnotherSession(String kind, Runnable handler) throws InterruptedException {
        Thread t = new Thread(() -> gate.run(kind, m -> handler.run(), message));
        t.start();
        while (t.getState() != Thread.State.BLOCKED && t.getState() != Thread.State.TERMINATED) {
            Thread.sleep(1);
        }
        return t;
    }

    @Test
    void aSecondRequestOfTheKindWaitsUntilTheFirstIsAnswered() throws Exception {
        AtomicBoolean firstAnswered = new AtomicBoolean();
        AtomicBoolean secondSawItAnswered = new AtomicBoolean();
        Thread[] second = new Thread[1];
        gate.run("stackTrace", m -> {
            try {
                second[0] = onAnotherSession("stackTrace", () -> secondSawItAnswered.set(firstAnswered.get()));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertEquals(Thread.State.BLOCKED, second[0].getState(), "the second waits at the gate");
            firstAnswered.set(true);
        }, message);
        second[0].join();
        assertTrue(secondSawItAnswered.get());
        assertTrue(gate.done("stackTrace"));
    }

    @Test
    void afterTheFirstRequestsOfAKindRunSideBySide() throws Exception {
        gate.run("variables", m -> { }, message);
        CountDownLatch otherRan = new CountDownLatch(1);
        gate.run("variables", m -> {
            try {
                onAnotherSession("variables", otherRan::countDown).join();
                otherRan.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, message);
        assertEquals(0, otherRan.getCount());
    }

    @Test
    void requestsThatMayRunLongAndOtherKindsNeverWait() throws Exception {
        for (String kind : new String[] {"launch", "evaluate", "setBreakpoints", null}) {
            CountDownLatch otherRan = new CountDownLatch(1);
            gate.run(kind, m -> {
                try {
                    onAnotherSession(kind, otherRan::countDown).join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, message);
            assertEquals(0, otherRan.getCount(), "a first " + kind + " did not hold the other back");
        }
        CountDownLatch scopesRan = new CountDownLatch(1);
        gate.run("next", m -> {
            try {
                onAnotherSession("scopes", scopesRan::countDown).join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, message);
        assertEquals(0, scopesRan.getCount(), "the first next does not hold back the first scopes");
    }

    @Test
    void aFirstRequestThatFailsStillOpensTheGate() {
        assertThrows(IllegalStateException.class, () -> gate.run("next", m -> {
            throw new IllegalStateException("the handler failed");
        }, message));
        assertTrue(gate.done("next"));
        assertFalse(gate.done("stepIn"));
    }
}
