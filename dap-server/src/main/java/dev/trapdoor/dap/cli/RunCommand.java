package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.session.GuestLimits;
import picocli.CommandLine.Command;
import dev.trapdoor.engine.exec.MemoryBudget;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trapdoor run}: parses the options into a {@link RunRequest} and hands it to {@link ProgramRunner}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Runs a WebAssembly program with WASI preview 1.",
            "",
            "Without --invoke, calls the module's _start export and exits with the program's exit code. "
                + "With --invoke, calls EXPORT with ARGS converted to its parameter types (integers in decimal "
                + "or 0x hex, floats as decimal, inf or nan) and prints each result on its own line; a reactor's "
                + "_initialize runs first. The arguments may also come before PROGRAM: --invoke fib 10 fib.wasm.",
            "",
            "The program sees no host files except the --dir directories, and no environment except --env."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the program finished (or called proc_exit(0))",
            "N:the program called proc_exit(N)",
            "1:unusable input: missing file, malformed, invalid or unlinkable module, missing --dir directory",
            "2:usage error: unknown option, missing PROGRAM, wrong --invoke export or arguments",
            "70:internal error in trapdoor (details are written to a file named in the message)",
            "134:the program trapped; the trap and the Wasm stack are printed to stderr"
        })
final class RunCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "Preopen host directory HOST, visible to the program as GUEST (default: HOST). "
                    + "Repeatable. Paths cannot leave it, through '..', absolute paths or symlinks.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME[=VALUE]",
            description = "Set an environment variable for the program; a bare NAME passes the host's value. "
                    + "Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "EXPORT",
            description = "Call the exported function EXPORT instead of _start and print its results.")
    String invoke;

    @Option(names = "--stdio-type", paramLabel = "[FD=]KIND",
            description = "What the program's stdin/stdout/stderr (FD 0, 1, 2; all without FD) look like: auto (the "
                    + "host's descriptor: a terminal is a tty, a redirect a file, a pipe unknown), tty, file, pipe. "
                    + "Repeatable; default auto.")
    List<String> stdioTypes = new ArrayList<>();

    @Option(names = "--trace-wasi",
            description = "Print one line per WASI call to stderr, like strace: the decoded arguments, the result "
                    + "and errno name, and the calling Wasm function.")
    boolean traceWasi;

    @Option(names = "--short-names",
            description = "Name source functions in the trap report by their short name ('add') instead of the "
                    + "qualified one ('inventory::Inventory::add').")
    boolean shortNames;

    @Option(names = "--listen", paramLabel = "PORT",
            description = "Wait for a DAP client to attach on 127.0.0.1:PORT (0 picks a free port) before running; "
                    + "prints 'listening on 127.0.0.1:PORT' to stderr when ready.")
    Integer listen;

    @Option(names = "--tier", paramLabel = "TIER", defaultValue = "tiered", converter = TierConverter.class,
            description = "Which code runs the program: 'interpreter', 'compiled' (every function compiled to JVM "
                    + "bytecode before it runs) or 'tiered' (hot functions compiled in the background; the default).")
    Tier tier;

    @Option(names = "--translation", paramLabel = "LEVEL", defaultValue = "optimized",
            converter = TranslationConverter.class,
            description = "How the interpreter translates functions: 'optimized' (fused instructions, forwarded "
                    + "locals; the default) or 'exact' (one translated instruction per Wasm instruction). The "
                    + "compiled tier compiles from the Wasm code either way.")
    TranslationLevel translation;

    @Option(names = "--max-table-elements", paramLabel = "N",
            description = "Largest table the program may have; a module declaring a larger one is refused with "
                    + "its size named, and table.grow past it fails (default 10000000).")
    Integer maxTableElements;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Wall-clock time the program may run before it traps with 'time limit exceeded' "
                    + "(decimals allowed).")
    Double timeLimit;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = MemorySizeConverter.class,
            description = "Linear memory the program may reserve, in bytes or with a k, M or G suffix (e.g. 256M). "
                    + "memory.grow past it returns -1 (malloc then fails); a module whose initial memory does "
                    + "not fit is not run. Default: no limit but the JVM heap.")
    Long maxMemory;

    @Option(names = "--coredump-on-trap", paramLabel = "FILE",
            description = "When the program traps, write a Wasm coredump (the tool-conventions format, with every "
                    + "frame's locals and operand stack) to FILE; open it with a 'coredump' launch in the debugger. "
                    + "The program then runs in the interpreter.")
    java.nio.file.Path coredumpOnTrap;

    @Parameters(index = "0", paramLabel = "PROGRAM.wasm", description = "The WebAssembly module to run.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments for the program (after its name in argv), or for EXPORT with --invoke.")
    List<String> args = new ArrayList<>();

    RunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (listen != null) {
            if (coredumpOnTrap != null) {
                throw new CliException(ExitCodes.USAGE, "--coredump-on-trap cannot be combined with --listen (the "
                        + "attached debugger stops at the trap; it can write one with 'coredumpOnTrap')");
            }
            return new ListenRunner(console).run(request(System.getenv()), listen);
        }
        return new ProgramRunner(console).run(request(System.getenv()));
    }

    RunRequest request(Map<String, String> hostEnv) {
        String module = program;
        List<String> rest = new ArrayList<>(args);
        if (invoke != null && !module.endsWith(".wasm")) {
            // "--invoke fib 10 fib.wasm": the export's arguments came first; the module is the first .wasm.
            List<String> all = new ArrayList<>();
            all.add(module);
            all.addAll(rest);
            int at = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).endsWith(".wasm")) {
                    at = i;
                    break;
                }
            }
            module = all.remove(at);
            rest = all;
        }
        List<DirMapping> dirMappings = new ArrayList<>();
        for (String d : dirs) {
            dirMappings.add(DirMapping.parse(d));
        }
        List<EnvSetting> envSettings = new ArrayList<>();
        for (String e : env) {
            envSettings.add(EnvSetting.parse(e, hostEnv));
        }
        List<StdioType> types = new ArrayList<>();
        for (String s : stdioTypes) {
            types.add(StdioType.parse(s));
        }
        return new RunRequest(module, List.copyOf(rest), dirMappings, envSettings, invoke, types, traceWasi, tier,
                translation, limits(), shortNames,
                maxMemory == null ? MemoryBudget.UNLIMITED : maxMemory, coredumpOnTrap);
    }

    private GuestLimits limits() {
        if (maxTableElements != null && maxTableElements < 0) {
            throw new CliException(ExitCodes.USAGE, "--max-table-elements " + maxTableElements
                    + ": must not be negative");
        }
        long millis = 0;
        if (timeLimit != null) {
            try {
                millis = GuestLimits.millis(timeLimit);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--time-limit: " + e.getMessage());
            }
        }
        return new GuestLimits(maxTableElements, millis);
    }
}
