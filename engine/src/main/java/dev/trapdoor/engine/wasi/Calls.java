package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * Runs the body of one WASI call and turns every way it can fail into an errno, so no Java exception reaches the
 * guest. Only {@link WasiExit} (the program ending) and traps other than a bad guest pointer pass through.
 */
final class Calls {
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private Calls() {
    }

    static int guard(Body body) {
        try {
            body.run();
            return Errno.SUCCESS.code();
        } catch (Exception | OutOfMemoryError e) {
            return failed(e);
        }
    }

    /**
     * What {@link #guard} returns for {@code e}, for a call written without a lambda: a lambda's call site is linked
     * the first time it runs, which cost each of 50 debug sessions a few ms of CPU when they all printed their first
     * line at once (benchmarks/RESULTS.md, session 15). Rethrows what must pass through.
     */
    static int failed(Throwable e) {
        if (e instanceof WasiExit exit) {
            throw exit;
        }
        if (e instanceof Trap t) {
            if (t.kind() == TrapKind.MEMORY_OUT_OF_BOUNDS) {
                return Errno.EFAULT.code();
            }
            throw t;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Errno.EINTR.code();
        }
        if (e instanceof Exception || e instanceof OutOfMemoryError) {
            return HostErrors.errno(e).code();
        }
        throw (Error) e;
    }
}
