package dev.trapdoor.dap.session;

/** Where a session's program is; see the diagram in {@link DebugSession}. */
public enum RunState {
    /** No program yet: waiting for {@code launch} or {@code attach}. */
    NEW,
    /** Loaded and instantiated, breakpoints can be placed; runs after {@code configurationDone}. */
    LOADED,
    /** Executing on the engine thread. */
    RUNNING,
    /** The engine thread is parked in the debug handler, waiting for a command. */
    STOPPED,
    /** The program finished, trapped out or was terminated. */
    TERMINATED
}
