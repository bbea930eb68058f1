package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.session.GuestStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code trapdoor} command. Subcommands: {@code run} and {@code dap} (the debug adapter).
 *
 * <p>Whatever happens, the user sees at most one line from trapdoor itself and a meaningful exit status, never a Java
 * stack trace: expected failures are {@link CliException}s, usage errors are picocli's, anything else is a bug and
 * goes through {@link CrashReport}.
 */
@Command(name = "trapdoor", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A WebAssembly engine built to be debugged.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    private final Console console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main(Console console) {
        this.console = console;
    }

    public static void main(String[] args) throws InterruptedException {
        int[] status = {1};
        Thread command = GuestStack.thread(() -> status[0] = execute(Console.system(), args), "trapdoor");
        command.start();
        command.join();
        System.out.flush();
        System.exit(status[0]);
    }

    /** Runs the command line and returns the exit status; nothing escapes. */
    public static int execute(Console console, String... args) {
        try {
            Callable<Integer> quick = QuickCommandLine.parse(console, args);
            if (quick != null) {
                try {
                    return quick.call();
                } catch (Exception e) {
                    return failed(console, e, args);
                }
            }
            return commandLine(console, args).execute(args);
        } catch (Throwable t) {
            return internalError(console, t, args);
        }
    }

    static CommandLine commandLine(Console console, String[] args) {
        CommandLine cl = new CommandLine(new Main(console));
        CommandLine run = new CommandLine(new RunCommand(console));
        // Everything after PROGRAM belongs to the guest, even if it looks like an option.
        run.setStopAtPositional(true);
        cl.addSubcommand(run);
        cl.addSubcommand(new CommandLine(new DapCommand(console)));
        cl.setOut(new PrintWriter(console.out(), true));
        cl.setErr(new PrintWriter(console.err(), true));
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine failed = ex.getCommandLine();
            console.err().println("trapdoor: " + ex.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            console.err().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> failed(console, ex, args));
        return cl;
    }

    /** A command's failure: one line and its exit status for a {@link CliException}, a crash report otherwise. */
    private static int failed(Console console, Exception ex, String[] args) {
        if (ex instanceof CliException c) {
            console.out().flush();
            console.err().println("trapdoor: " + c.getMessage());
            console.err().flush();
            return c.exitCode();
        }
        return internalError(console, ex, args);
    }

    private static int internalError(Console console, Throwable t, String[] args) {
        console.out().flush();
        console.err().println(CrashReport.handle(t, args));
        console.err().flush();
        return ExitCodes.INTERNAL;
    }

    @Override
    public Integer call() {
        // "trapdoor" alone: say what it can do, and fail like any usage error.
        spec.commandLine().usage(console.err());
        return ExitCodes.USAGE;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trapdoor " + version()};
        }
    }
}
