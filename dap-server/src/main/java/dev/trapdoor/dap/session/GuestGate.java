package dev.trapdoor.dap.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets sessions' engine threads run their guests in the order they asked, at most {@code slots} at a time. Under 50
 * clients a debug server is CPU-bound in bursts: many sessions resume within a few ms (a step over {@code printf}),
 * and with every engine thread runnable the scheduler shares the cores among all of them, so all finish together,
 * late, the first to ask as late as the last. Admitted in order, the first finish first and the last no later than
 * before (the same work on the same cores), which cuts the slowest steps.
 *
 * <p>A slot is held from a resume until the next stop (or the program's end). A guest that runs long without stopping
 * (or blocks on its input) must not hold the others back: a slot held longer than {@code quantumNanos} is forfeited
 * to the first waiter, and its holder runs on without one. So a waiter waits at most about a quantum per slot
 * holder that does not stop, and a server whose guests run freely behaves as without the gate. In theory: the
 * engine threads are only part of a step's path (the session and Netty threads, and the compilers, are not gated), and
 * no gain was measured (see {@link #PROPERTY}).
 */
final class GuestGate {
    /**
     * {@code -Dtrapdoor.dap.guestGate=true} turns the gate on. Off by default: under 50 sessions on a loaded 2-core
     * machine it showed no gain in p99 (benchmarks/RESULTS.md, session 23), and each hand-off waits for the next
     * thread to be scheduled.
     */
    static final String PROPERTY = "trapdoor.dap.guestGate";

    /** The server's gate when the property turns it on: one slot per core, a 10 ms quantum; else {@code null}. */
    static final GuestGate SHARED = "true".equalsIgnoreCase(System.getProperty(PROPERTY, "false"))
            ? new GuestGate(Runtime.getRuntime().availableProcessors(), 10_000_000L) : null;

    /** One admission: a thread that waits, then holds a slot (until it leaves or forfeits it). */
    static final class Ticket {
        private final Thread thread = Thread.currentThread();
        private long since;
        private boolean holding;
    }

    private final int slots;
    private final long quantumNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    /** Slot holders, oldest admission first. */
    private final ArrayDeque<Ticket> holders = new ArrayDeque<>();

    GuestGate(int slots, long quantumNanos) {
        this.slots = Math.max(1, slots);
        this.quantumNanos = quantumNanos;
    }

    /**
     * Waits for a slot, behind everyone who asked earlier; returns the ticket to {@link #leave}. When interrupted it
     * stops waiting, returns {@code null} (run without a slot) and keeps the interrupt.
     */
    Ticket enter() {
        Ticket t = new Ticket();
        lock.lock();
        try {
            waiting.addLast(t);
        } finally {
            lock.unlock();
        }
        while (true) {
            long waitNanos;
            lock.lock();
            try {
                if (waiting.peekFirst() == t) {
                    long now = System.nanoTime();
                    forfeitExpired(now);
                    if (holders.size() < slots) {
                        waiting.pollFirst();
                        t.since = now;
                        t.holding = true;
                        holders.addLast(t);
                        wakeHead();
                        return t;
                    }
                    waitNanos = Math.max(1, holders.peekFirst().since + quantumNanos - now);
                } else {
                    waitNanos = 0;
                }
            } finally {
                lock.unlock();
            }
            if (waitNanos > 0) {
                LockSupport.parkNanos(this, waitNanos);
            } else {
                LockSupport.park(this);
            }
            if (Thread.currentThread().isInterrupted()) {
                lock.lock();
                try {
                    if (!t.holding) {
                        waiting.remove(t);
                        wakeHead();
                        return null;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Gives the slot back (nothing if it was forfeited, or {@code t} is null); the next waiter goes. */
    void leave(Ticket t) {
        if (t == null) {
            return;
        }
        lock.lock();
        try {
            if (t.holding) {
                t.holding = false;
                holders.remove(t);
            }
            wakeHead();
        } finally {
            lock.unlock();
        }
    }

    /** For tests: the threads holding a slot now, oldest first. */
    List<Thread> holders() {
        lock.lock();
        try {
            List<Thread> list = new ArrayList<>();
            for (Ticket t : holders) {
                list.add(t.thread);
            }
            return list;
        } finally {
            lock.unlock();
        }
    }

    private void forfeitExpired(long now) {
        while (!holders.isEmpty() && now - holders.peekFirst().since >= quantumNanos) {
            holders.pollFirst().holding = false;
        }
    }

    private void wakeHead() {
        Ticket head = waiting.peekFirst();
        if (head != null) {
            LockSupport.unpark(head.thread);
        }
    }
}
