package dev.trapdoor.engine.exec;

/**
 * Leaves the dispatch loop to go back in a {@link Recording}: the outermost run's {@link Unwinder} catches it, puts
 * the program back into {@link #snapshot}'s state and enters the loop again there, from where the recording replays
 * forward. Control flow like {@link FrameRestart}: no stack trace.
 */
final class Rewind extends RuntimeException {
    final Snapshot snapshot;

    Rewind(Snapshot snapshot) {
        super(null, null, false, false);
        this.snapshot = snapshot;
    }
}
