package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.transport.DebugListener;
import dev.trapdoor.engine.debug.DebugTerminated;

import java.io.PrintStream;

/**
 * {@code trapdoor run --listen PORT}: runs the program like {@code run}, but first waits for a DAP client to attach
 * (through the same {@link DebugListener} an embedding application uses). Guest output goes to the terminal and to
 * the attached client.
 */
final class ListenRunner {
    private final Console console;

    ListenRunner(Console console) {
        this.console = console;
    }

    int run(RunRequest req, int port) {
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCodes.USAGE, "--listen " + port + ": not a port number");
        }
        DebugListener listener;
        try {
            listener = DebugListener.open("127.0.0.1", port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--listen " + port + ": cannot listen: " + e.getMessage());
        }
        try (listener) {
            Console teed = new Console(console.in(), new PrintStream(listener.stdout(console.out()), true),
                    new PrintStream(listener.stderr(console.err()), true));
            int code;
            try {
                code = new ProgramRunner(teed).beforeRun(instance -> {
                    listener.debug(instance, req.program());
                    // Only now: a client that attaches on seeing this line finds the program ready.
                    console.err().println(listener.listeningLine());
                    console.err().flush();
                    try {
                        listener.awaitConfigured();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CliException(ExitCodes.INTERNAL, "interrupted while waiting for a debugger");
                    }
                }).run(req);
            } catch (DebugTerminated t) {
                console.err().println("trapdoor: " + req.program() + ": terminated by the debugger");
                code = ExitCodes.TRAP;
            }
            teed.out().flush();
            teed.err().flush();
            listener.programExited(code);
            return code;
        }
    }
}
