package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import dev.trapdoor.dap.transport.ServerLimits;
import dev.trapdoor.dap.transport.StdioTransport;
import dev.trapdoor.dap.transport.TcpServer;
import dev.trapdoor.dap.warm.ServerWarmUp;
import dev.trapdoor.engine.exec.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code trapdoor dap}: the debug adapter, over stdio or (with {@code --port}) TCP. */
@Command(name = "dap", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {
            "Runs the Debug Adapter Protocol server.",
            "",
            "Without --port it speaks DAP on stdin/stdout (stdout belongs to the protocol; logs go to stderr). "
                + "With --port it accepts any number of TCP clients, each with its own session and engine, and "
                + "prints 'listening on HOST:PORT' when ready."
        })
final class DapCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen for DAP clients on this TCP port (0 picks "
            + "a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on with --port (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "64",
            description = "With --port, TCP clients served at once; one more gets an error and is closed "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "16777216",
            description = "Largest DAP message accepted; a larger one is skipped and answered with an error "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "With --port, close a connection that sends no initialize, or stops in the middle of a "
                    + "message, for this long (default: ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = MemorySizeConverter.class,
            description = "Linear memory all sessions' programs may reserve together, in bytes or with a k, M or G "
                    + "suffix (e.g. 2G): a grow that would pass it returns -1, a launch whose initial memory does not "
                    + "fit fails. Each launch may set a lower 'maxMemory' of its own. Default: no limit.")
    Long maxMemory;

    @Option(names = "--no-warm-up", description = "With --port, listen at once instead of first debugging a small "
            + "program in-process (about 4-4.5 s of CPU), which spares the first clients the JVM's warm-up. Also: "
            + "-D" + WARM_UP_PROPERTY + "=false.")
    boolean noWarmUp;

    /** The system property that turns the TCP server's warm-up off ({@code false}) as {@code --no-warm-up} does. */
    static final String WARM_UP_PROPERTY = "trapdoor.dap.warmUp";

    DapCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        ServerLimits limits;
        try {
            limits = new ServerLimits(maxMessageBytes, maxSessions,
                    java.time.Duration.ofMillis(Math.round(idleTimeout * 1000)));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (port == null) {
            // The protocol owns stdout: anything else that prints (a library, a stray println) goes to stderr.
            OutputStream protocol = new FileOutputStream(FileDescriptor.out);
            System.setOut(System.err);
            // Once the session is over, a SIGTERM from the client (VS Code sends one right after disconnect) is the
            // end it asked for, not a failure: exit 0 instead of the JVM's 143.
            StdioTransport.serve(System.in, protocol, cwd, new DwarfVariablesProvider(), limits.maxMessageBytes(),
                    ExitSignals::terminateQuietly, maxMemory == null ? null : new MemoryBudget(maxMemory));
            return ExitCodes.OK;
        }
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCodes.USAGE, "--port " + port + ": not a port number");
        }
        DwarfVariablesProvider variables = new DwarfVariablesProvider();
        if (warmUp()) {
            // Before the port opens: a client that connects on seeing the listening line meets a warm server.
            ServerWarmUp.beforeListening(variables);
        }
        TcpServer server;
        try {
            server = TcpServer.start(host, port, cwd, variables, () -> null, limits,
                    maxMemory == null ? null : new MemoryBudget(maxMemory));
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot listen on " + host + ":" + port + ": " + e);
        }
        try (server) {
            console.out().println(server.listeningLine());
            console.out().flush();
            server.awaitClose();
        }
        return ExitCodes.OK;
    }

    /** Whether the TCP server warms its request path before it listens: unless the flag or the property says no. */
    boolean warmUp() {
        return !noWarmUp && !"false".equalsIgnoreCase(System.getProperty(WARM_UP_PROPERTY, "true"));
    }
}
