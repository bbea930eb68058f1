package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapKind;

/**
 * Raised by {@link Bulk} when a bulk operation goes out of bounds; the caller turns it into a {@code Trap} at the
 * instruction (interpreter) or an uninstantiable error (instantiation). Carries no Java stack trace.
 */
final class BulkFault extends RuntimeException {
    final TrapKind kind;
    final String detail;

    BulkFault(TrapKind kind, String detail) {
        super(kind.message(), null, false, false);
        this.kind = kind;
        this.detail = detail;
    }
}
