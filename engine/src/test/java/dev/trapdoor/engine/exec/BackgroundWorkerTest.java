package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The translate-ahead thread's queue: one thread, in order, bounded, closable, gone when idle. */
class BackgroundWorkerTest {
    private static final long WAIT_S = 60; // a liveness bound for a loaded machine, not a speed claim

    @Test
    void tasksRunOneAtATimeInTheOrderOfferedOnOneNamedDaemonThread() throws Exception {
        BackgroundWorker worker = new BackgroundWorker("test worker", 100, 60_000);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            int n = i;
            assertTrue(worker.offer(() -> {
                order.add(n);
                threads.add(Thread.currentThread());
                done.countDown();
            }));
        }
        assertTrue(done.await(WAIT_S, TimeUnit.SECONDS));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        assertEquals(expected, order);
        assertEquals(1, threads.stream().distinct().count());
        assertEquals("test worker", threads.get(0).getName());
        assertTrue(threads.get(0).isDaemon(), "the thread must not keep the JVM alive");
        worker.close();
    }

    @Test
    void anOfferBeyondTheCapacityIsRefusedWhileTheThreadIsBusy() throws Exception {
        BackgroundWorker worker = new BackgroundWorker("test worker", 3, 60_000);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allRan = new CountDownLatch(4);
        assertTrue(worker.offer(() -> {
            running.countDown();
            await(release);
            ran.add(0);
            allRan.countDown();
        }));
        assertTrue(running.await(WAIT_S, TimeUnit.SECONDS));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            assertTrue(worker.offer(() -> {
                ran.add(n);
                allRan.countDown();
            }), "task " + i + " fits the queue");
        }
        assertFalse(worker.offer(() -> ran.add(99)), "a fourth waiting task is refused, not queued");
        release.countDown();
        assertTrue(allRan.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals(List.of(0, 1, 2, 3), ran);
        worker.close();
    }

    @Test
    void closeDropsWaitingTasksLetsTheRunningOneFinishAndRefusesMore() throws Exception {
        BackgroundWorker worker = new BackgroundWorker("test worker", 10, 60_000);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> thread = new AtomicReference<>();
        worker.offer(() -> {
            thread.set(Thread.currentThread());
            running.countDown();
            await(release);
            ran.add("running");
        });
        assertTrue(running.await(WAIT_S, TimeUnit.SECONDS));
        worker.offer(() -> ran.add("waiting 1"));
        worker.offer(() -> ran.add("waiting 2"));
        assertEquals(2, worker.close());
        assertFalse(worker.offer(() -> ran.add("after close")));
        release.countDown();
        thread.get().join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertFalse(thread.get().isAlive(), "a closed worker's thread ends after its task");
        assertEquals(List.of("running"), ran);
    }

    @Test
    void theThreadEndsWhenIdleAndANewOneTakesTheNextTask() throws Exception {
        BackgroundWorker worker = new BackgroundWorker("test worker", 10, 1);
        AtomicReference<Thread> first = new AtomicReference<>();
        CountDownLatch firstRan = new CountDownLatch(1);
        worker.offer(() -> {
            first.set(Thread.currentThread());
            firstRan.countDown();
        });
        assertTrue(firstRan.await(WAIT_S, TimeUnit.SECONDS));
        first.get().join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertFalse(first.get().isAlive(), "an idle worker keeps no thread");

        AtomicReference<Thread> second = new AtomicReference<>();
        CountDownLatch secondRan = new CountDownLatch(1);
        assertTrue(worker.offer(() -> {
            second.set(Thread.currentThread());
            secondRan.countDown();
        }));
        assertTrue(secondRan.await(WAIT_S, TimeUnit.SECONDS));
        assertNotSame(first.get(), second.get());
        worker.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
