package dev.trapdoor.dap.session;

/**
 * A program started by someone else (the {@code run --listen} command, or an application embedding the engine) that
 * waits for a client to {@code attach}. The session debugs it; the owner runs it once configuration is done and
 * reports its end through {@link DebugSession#programFinished}.
 */
public interface AttachTarget {
    /** The program, with guest output going to {@code events} while a client is attached. */
    Program attach(DebugSession session, ClientEvents events);

    /** The client sent {@code configurationDone}: the owner may run the program now. */
    void configured();

    /** The client went away (disconnect or lost connection); the program runs on without a debugger. */
    void detached(DebugSession session);
}
