package dev.trapdoor.dap.transport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialExecutorTest {
    @Test
    void tasksFromManyThreadsRunOneAtATimeInEachThreadsOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor("test-session");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        // Written only inside tasks, without a lock: the executor's hand-over must make each task see the last.
        List<String> log = new ArrayList<>();
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch done = new CountDownLatch(threads * perThread);
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            posters.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    String entry = id + ":" + i;
                    Runnable task = () -> {
                        if (running.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        log.add(entry);
                        running.decrementAndGet();
                        done.countDown();
                    };
                    if (i % 3 == 0) {
                        serial.execute(task);
                    } else {
                        serial.runOrQueue(task);
                    }
                }
            }));
        }
        posters.forEach(Thread::start);
        assertTrue(done.await(60, TimeUnit.SECONDS));
        CountDownLatch last = new CountDownLatch(1);
        serial.execute(last::countDown);
        assertTrue(last.await(20, TimeUnit.SECONDS));
        List<String> seen = new ArrayList<>();
        serial.execute(() -> seen.addAll(log));
        serial.shutdown();
        assertTrue(serial.awaitTermination(20_000));

        assertEquals(0, overlaps.get());
        assertEquals(threads * perThread, seen.size());
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<String> mine = seen.stream().filter(e -> e.startsWith(prefix)).toList();
            for (int i = 0; i < perThread; i++) {
                assertEquals(prefix + i, mine.get(i));
            }
        }
    }

    @Test
    void runHereRunsOnTheCallerOnlyWhenIdleAndWhatQueuesMeanwhileGoesToTheSessionThread() throws Exception {
        SerialExecutor serial = new SerialExecutor("test-session");
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch queuedRan = new CountDownLatch(1);
        boolean ran = serial.runHere(() -> {
            threads.add(Thread.currentThread().getName());
            // Busy now: a second caller may not run here, and what it queues waits for this task.
            assertFalse(serial.runHere(() -> threads.add("never")));
            serial.runOrQueue(() -> {
                threads.add(Thread.currentThread().getName());
                queuedRan.countDown();
            });
            threads.add("end of first");
        });
        assertTrue(ran);
        assertTrue(queuedRan.await(20, TimeUnit.SECONDS));
        assertEquals(List.of(Thread.currentThread().getName(), "end of first", "test-session"), threads);

        serial.shutdown();
        assertTrue(serial.awaitTermination(20_000));
        assertFalse(serial.runHere(() -> threads.add("after shutdown")));
        assertEquals(3, threads.size());
    }
}
