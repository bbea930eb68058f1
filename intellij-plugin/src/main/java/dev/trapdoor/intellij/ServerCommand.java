package dev.trapdoor.intellij;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command that starts a Trapdoor DAP server for one IDE debug session: {@code trapdoor dap --port ${port}
 * --no-warm-up} (a server for one session would spend longer warming its request path up than that session saves).
 * LSP4IJ replaces {@link #PORT_VARIABLE} with a free port before starting it, then waits for the server's
 * {@link ReadyPattern ready line} and connects. TCP rather than stdio because LSP4IJ's template mode needs a ready
 * line to know when to connect, and because the server's stdout then stays free for its own messages.
 *
 * @param argv the program and its arguments, {@link #PORT_VARIABLE} still in place
 */
public record ServerCommand(List<String> argv) {
    /** LSP4IJ's placeholder for a free port it picks. */
    public static final String PORT_VARIABLE = "${port}";

    /** The server's switch that opens its port at once, without first debugging a program of its own. */
    static final String NO_WARM_UP = "--no-warm-up";

    /**
     * Lets the server read linear memory through {@code sun.misc.Unsafe} without the warning lines JDK 24 and later
     * print on its first use (the property behind {@code --sun-misc-unsafe-memory-access}, which JDK 17 accepts too).
     * {@code bin/trapdoor} passes it itself.
     */
    static final String UNSAFE_MEMORY_ACCESS = "-Dsun.misc.unsafe.memory.access=allow";

    /** Where the command will run: {@code bin/trapdoor} is a bash script, so Windows runs the jar directly. */
    public enum Platform {
        UNIX, WINDOWS;

        public static Platform current() {
            return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : UNIX;
        }
    }

    public ServerCommand {
        argv = List.copyOf(argv);
        if (!argv.contains(PORT_VARIABLE)) {
            throw new IllegalArgumentException("the server command must listen on " + PORT_VARIABLE + ": " + argv);
        }
    }

    /** The command for a built checkout at {@code root} ({@code ./mvnw package} made its jar). */
    public static ServerCommand forCheckout(Path root, Platform platform) {
        Path r = root.toAbsolutePath().normalize();
        if (platform == Platform.WINDOWS) {
            return new ServerCommand(List.of("java", UNSAFE_MEMORY_ACCESS, "-jar", r.resolve("dap-server")
                    .resolve("target").resolve("trapdoor.jar").toString(), "dap", "--port", PORT_VARIABLE, NO_WARM_UP));
        }
        return new ServerCommand(List.of(r.resolve("bin").resolve("trapdoor").toString(), "dap", "--port",
                PORT_VARIABLE, NO_WARM_UP));
    }

    /** The one-string form the template and LSP4IJ's "Command" field hold. */
    public String commandLine() {
        return CommandLines.join(argv);
    }

    /** The argv LSP4IJ runs once it picked {@code port}. */
    public List<String> withPort(int port) {
        return argv.stream().map(a -> a.replace(PORT_VARIABLE, Integer.toString(port))).toList();
    }
}
