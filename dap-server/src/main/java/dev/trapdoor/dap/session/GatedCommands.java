package dev.trapdoor.dap.session;

import dev.trapdoor.engine.debug.Resume;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A session's queue of resume commands for its engine thread, which holds a {@link GuestGate} slot while its guest
 * runs: from {@link #enterGate} (the program's start) to each {@link #take} (a stop, where it gives the slot back and
 * waits for one again once a command came), and to {@link #leaveGate} (the program's end).
 */
final class GatedCommands {
    private final BlockingQueue<Resume> queue = new LinkedBlockingQueue<>();
    private final GuestGate gate = GuestGate.SHARED;
    /** The slot the thread running the guest holds (that thread only). */
    private GuestGate.Ticket ticket;

    void add(Resume r) {
        queue.add(r);
    }

    /** Gives the slot back, waits for a command, then waits for a slot to run on. */
    Resume take() throws InterruptedException {
        leaveGate();
        try {
            return queue.take();
        } finally {
            enterGate();
        }
    }

    void enterGate() {
        if (gate != null && ticket == null) {
            ticket = gate.enter();
        }
    }

    void leaveGate() {
        if (ticket != null) {
            gate.leave(ticket);
            ticket = null;
        }
    }
}
