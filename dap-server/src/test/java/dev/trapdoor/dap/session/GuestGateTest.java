package dev.trapdoor.dap.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine threads admitted in the order they asked, at most one per slot, and never held back for long. */
class GuestGateTest {
    private static final long LONG_QUANTUM = TimeUnit.SECONDS.toNanos(60);

    /** Starts a thread that enters, records its admission, and leaves when {@code release} opens. */
    private static Thread waiter(GuestGate gate, String name, List<String> admitted, CountDownLatch release) {
        Thread t = new Thread(() -> {
            GuestGate.Ticket ticket = gate.enter();
            admitted.add(name);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.leave(ticket);
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
    }

    @Test
    void admitsInTheOrderAsked() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            GuestGate gate = new GuestGate(1, LONG_QUANTUM);
            GuestGate.Ticket first = gate.enter();
            List<String> admitted = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch release = new CountDownLatch(0);
            List<Thread> threads = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                Thread t = waiter(gate, name, admitted, release);
                awaitParked(t);
                threads.add(t);
            }
            assertEquals(List.of(), admitted, "nobody passes while the only slot is held");
            gate.leave(first);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of("a", "b", "c", "d"), admitted);
            assertEquals(List.of(), gate.holders());
        });
    }

    @Test
    void neverMoreHoldersThanSlots() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            GuestGate gate = new GuestGate(2, LONG_QUANTUM);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    for (int k = 0; k < 20; k++) {
                        GuestGate.Ticket ticket = gate.enter();
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                        running.decrementAndGet();
                        gate.leave(ticket);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(2, most.get());
            assertEquals(List.of(), gate.holders());
        });
    }

    @Test
    void aSlotHeldPastTheQuantumIsForfeited() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            long quantum = TimeUnit.MILLISECONDS.toNanos(50);
            GuestGate gate = new GuestGate(1, quantum);
            GuestGate.Ticket stuck = gate.enter();
            long start = System.nanoTime();
            GuestGate.Ticket next = gate.enter();
            long waited = System.nanoTime() - start;
            assertNotNull(next);
            assertTrue(waited >= quantum - TimeUnit.MILLISECONDS.toNanos(5), "waited " + waited + " ns");
            assertEquals(List.of(Thread.currentThread()), gate.holders());
            gate.leave(stuck);
            assertEquals(1, gate.holders().size(), "a forfeited slot given back frees nothing twice");
            gate.leave(next);
            assertEquals(List.of(), gate.holders());
        });
    }

    @Test
    void anInterruptedWaiterRunsWithoutASlot() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            GuestGate gate = new GuestGate(1, LONG_QUANTUM);
            GuestGate.Ticket held = gate.enter();
            GuestGate.Ticket[] got = {new GuestGate.Ticket()};
            boolean[] interrupted = {false};
            Thread t = new Thread(() -> {
                got[0] = gate.enter();
                interrupted[0] = Thread.currentThread().isInterrupted();
            });
            t.start();
            awaitParked(t);
            t.interrupt();
            t.join();
            assertNull(got[0]);
            assertTrue(interrupted[0], "the interrupt is kept");
            List<String> admitted = Collections.synchronizedList(new ArrayList<>());
            Thread after = waiter(gate, "after", admitted, new CountDownLatch(0));
            awaitParked(after);
            gate.leave(held);
            after.join();
            assertEquals(List.of("after"), admitted, "the one who gave up is out of the queue");
        });
    }
}
