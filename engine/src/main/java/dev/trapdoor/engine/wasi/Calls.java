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
        } catch (WasiExit e) {
            throw e;
        } catch (Trap t) {
            if (t.kind() == TrapKind.MEMORY_OUT_OF_BOUNDS) {
                return Errno.EFAULT.code();
            }
            throw t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Errno.EINTR.code();
        } catch (Exception | OutOfMemoryError e) {
            return HostErrors.errno(e).code();
        }
    }
}
