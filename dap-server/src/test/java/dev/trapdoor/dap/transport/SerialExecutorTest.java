package dev.trapdoor.dap.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both session threads: a {@link SessionThread} and ({@code -Dtrapdoor.dap.sessionThread=false}) an executor service. */
class SerialExecutorTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tasksFromManyThreadsRunOneAtATimeInEachThreadsOrder(boolean ownThread) throws Exception {
        SerialExecutor serial = new SerialExecutor("test-session", ownThread);
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

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void runHereRunsOnTheCallerOnlyWhenIdleAndWhatQueuesMeanwhileGoesToTheSessionThread(boolean ownThread)
            throws Exception {
        SerialExecutor serial = new SerialExecutor("test-session", ownThread);
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

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lockStepRequestsEachWakeTheSleepingThreadAndShutdownEndsIt(boolean ownThread) throws Exception {
        // One task at a time, each posted after the last has run and the thread has had time to fall asleep: every
        // hand-over must wake it, none may be lost between its last check and its sleep.
        SerialExecutor serial = new SerialExecutor("test-session", ownThread);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 2_000; i++) {
            CountDownLatch done = new CountDownLatch(1);
            serial.execute(() -> {
                ran.incrementAndGet();
                done.countDown();
            });
            assertTrue(done.await(20, TimeUnit.SECONDS), "task " + i);
            if (i % 100 == 0) {
                Thread.sleep(2);
            }
        }
        assertEquals(2_000, ran.get());
        serial.shutdown();
        assertTrue(serial.awaitTermination(20_000), "the session thread ended");
    }
}
