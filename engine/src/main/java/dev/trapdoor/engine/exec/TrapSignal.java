package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * Thrown inside the interpreter where an instruction traps; the dispatch loop catches it while every frame is still
 * on the stack and turns it into a {@link dev.trapdoor.engine.trap.Trap} with the pc's module offset. No stack trace.
 */
final class TrapSignal extends RuntimeException {
    final TrapKind kind;
    final TrapDetail detail;

    TrapSignal(TrapKind kind, TrapDetail detail) {
        super(kind.message(), null, false, false);
        this.kind = kind;
        this.detail = detail;
    }
}
