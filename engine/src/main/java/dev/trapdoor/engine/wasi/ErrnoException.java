package dev.trapdoor.engine.wasi;

/**
 * Internal: unwinds a WASI call with an errno. Every public WASI function catches it and returns the code, so it never
 * leaves this package. No stack trace: it is control flow, not a fault.
 */
final class ErrnoException extends Exception {
    final Errno errno;

    ErrnoException(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }
}
