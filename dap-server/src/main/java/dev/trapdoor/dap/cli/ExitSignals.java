package dev.trapdoor.dap.cli;

import sun.misc.Signal;

/** What SIGTERM means once a DAP session over stdio has ended: the requested end, status 0. */
final class ExitSignals {
    private ExitSignals() {
    }

    static void terminateQuietly() {
        try {
            Signal.handle(new Signal("TERM"), signal -> Runtime.getRuntime().halt(ExitCodes.OK));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
            // no signal handling on this platform or JVM: the default exit status stays
        }
    }
}
