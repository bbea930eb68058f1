package dev.trapdoor.dap.session;

import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.exec.WasmThrow;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.wasi.WasiExit;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of a session's program on its engine thread, and how it ended: the exit status {@code trapdoor run} would
 * give, with a trap's or an uncaught exception's report on the client's stderr. No Java exception leaves it, so no
 * stack trace reaches the client: an engine failure is logged and reported as an internal error.
 */
final class ProgramRun {
    private static final Logger LOG = Logger.getLogger(ProgramRun.class.getName());
    /** The exit status of a program that trapped, as {@code trapdoor run} reports it. */
    static final int TRAP_EXIT = 134;
    /** The exit status of a run the engine failed in (EX_SOFTWARE). */
    private static final int INTERNAL_ERROR_EXIT = 70;

    /** How a run ended; {@code terminated} when the debugger ended it, whose exit code then means nothing. */
    record End(int exitCode, boolean terminated) {
    }

    private ProgramRun() {
    }

    /** Runs {@code p} to its end ({@code stops} takes a coredump's stop) and flushes its output. */
    static End run(Program p, DebugSession stops, ClientEvents events) {
        try {
            return new End(p.postMortem() != null ? p.postMortem().run(stops) : p.entry().run(), false);
        } catch (WasiExit exit) {
            return new End(exit.exitCode(), false);
        } catch (DebugTerminated t) {
            return new End(0, true);
        } catch (Trap trap) {
            p.flushOutput();
            events.output("stderr", TrapText.report(trap, p));
            return new End(TRAP_EXIT, false);
        } catch (WasmThrow uncaught) {
            p.flushOutput();
            events.output("stderr", ExceptionText.report(uncaught, p));
            return new End(TRAP_EXIT, false);
        } catch (WasmException e) {
            events.output("stderr", "trapdoor: " + e.getMessage() + "\n");
            return new End(1, false);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "engine thread failed", e);
            events.output("important", "trapdoor: internal error while running the program: " + e + "\n");
            return new End(INTERNAL_ERROR_EXIT, false);
        } finally {
            p.flushOutput();
        }
    }
}
