package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.session.MemorySize;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The command lines a start sends most, {@code trapdoor run [options] PROGRAM [ARGS...]} and {@code trapdoor dap
 * [options]}, parsed without picocli. Building picocli's model of the commands reads their annotations reflectively
 * (a dynamic proxy per annotation type), about 100 ms of CPU on the standard machine before anything runs: a third
 * of {@code trapdoor run hello.wasm}.
 *
 * <p>Only lines whose meaning is certain are taken: known long options with a value (inline after {@code =} or the
 * next argument, not starting with {@code -}) or without one, then for {@code run} the program and its arguments.
 * Anything else (help, version, an unknown or malformed option, a value a converter refuses, {@code --}, an
 * {@code @file}, a missing program) returns {@code null}, and picocli parses the line and words the error.
 * {@code QuickCommandLineTest} holds the two parsers to the same result on both commands' every option.
 */
final class QuickCommandLine {
    private static final Set<String> RUN_VALUED = Set.of("--dir", "--env", "--invoke", "--stdio-type", "--listen",
            "--tier", "--translation", "--max-table-elements", "--time-limit", "--max-memory", "--coredump-on-trap");
    private static final Set<String> RUN_FLAGS = Set.of("--trace-wasi", "--short-names");
    private static final Set<String> RUN_REPEATABLE = Set.of("--dir", "--env", "--stdio-type");
    private static final Set<String> DAP_VALUED = Set.of("--port", "--host", "--max-sessions", "--max-message-size",
            "--idle-timeout", "--max-memory");
    private static final Set<String> DAP_FLAGS = Set.of("--no-warm-up");

    // The options are set through switches, not a map of lambdas: each lambda's first link costs a start-up a few
    // hundred microseconds of interpreted java.lang.invoke code, and method references alike in one method (the
    // repeatable lists' add) are spun into classes at run time, loading the JDK's ASM (~8 ms of a hello-world run).
    private final RunCommand run;
    private final DapCommand dap;
    private final Set<String> valued;
    private final Set<String> flags;
    private final Set<String> repeatable;
    private final Set<String> seen = new HashSet<>();

    private QuickCommandLine(RunCommand run, DapCommand dap) {
        this.run = run;
        this.dap = dap;
        this.valued = run != null ? RUN_VALUED : DAP_VALUED;
        this.flags = run != null ? RUN_FLAGS : DAP_FLAGS;
        this.repeatable = run != null ? RUN_REPEATABLE : Set.of();
    }

    /** The command {@code args} asks for, with its options set, or {@code null} when picocli must parse them. */
    static Callable<Integer> parse(Console console, String[] args) {
        if (args.length == 0) {
            return null;
        }
        for (String a : args) {
            if (a.startsWith("@")) {
                return null; // picocli expands argument files anywhere on the line
            }
        }
        try {
            return switch (args[0]) {
                case "run" -> run(console, args);
                case "dap" -> dap(console, args);
                default -> null;
            };
        } catch (RuntimeException refused) {
            return null; // a value the converters refuse: picocli says why
        }
    }

    /** The option names each command knows here (tests compare them with the annotated ones). */
    static Set<String> optionNames(String command) {
        boolean isRun = command.equals("run");
        Set<String> names = new TreeSet<>(isRun ? RUN_VALUED : DAP_VALUED);
        names.addAll(isRun ? RUN_FLAGS : DAP_FLAGS);
        return names;
    }

    private static RunCommand run(Console console, String[] args) {
        RunCommand c = new RunCommand(console);
        c.tier = Tier.parse("tiered");
        c.translation = TranslationLevel.parse("optimized");
        int i = new QuickCommandLine(c, null).options(args);
        if (i < 0 || i >= args.length) {
            return null;
        }
        c.program = args[i];
        for (int k = i + 1; k < args.length; k++) {
            c.args.add(args[k]); // everything after PROGRAM is the guest's, as with picocli's stopAtPositional
        }
        return c;
    }

    private static DapCommand dap(Console console, String[] args) {
        DapCommand c = new DapCommand(console);
        c.host = "127.0.0.1";
        c.maxSessions = 64;
        c.maxMessageBytes = 16777216;
        c.idleTimeout = 30;
        return new QuickCommandLine(null, c).options(args) == args.length ? c : null;
    }

    /** Sets option {@code name} of the command ({@code value} is {@code null} for a flag). */
    private void set(String name, String value) {
        if (run != null) {
            setRun(run, name, value);
        } else {
            setDap(dap, name, value);
        }
    }

    private static void setRun(RunCommand c, String name, String v) {
        switch (name) {
            case "--dir" -> c.dirs.add(v);
            case "--env" -> c.env.add(v);
            case "--invoke" -> c.invoke = v;
            case "--stdio-type" -> c.stdioTypes.add(v);
            case "--trace-wasi" -> c.traceWasi = true;
            case "--short-names" -> c.shortNames = true;
            case "--listen" -> c.listen = decimal(v);
            case "--tier" -> c.tier = Tier.parse(v);
            case "--translation" -> c.translation = TranslationLevel.parse(v);
            case "--max-table-elements" -> c.maxTableElements = decimal(v);
            case "--time-limit" -> c.timeLimit = Double.valueOf(v);
            case "--max-memory" -> c.maxMemory = MemorySize.parse(v);
            case "--coredump-on-trap" -> c.coredumpOnTrap = Path.of(v);
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static void setDap(DapCommand c, String name, String v) {
        switch (name) {
            case "--port" -> c.port = decimal(v);
            case "--host" -> c.host = v;
            case "--max-sessions" -> c.maxSessions = decimal(v);
            case "--max-message-size" -> c.maxMessageBytes = decimal(v);
            case "--idle-timeout" -> c.idleTimeout = Double.parseDouble(v);
            case "--max-memory" -> c.maxMemory = MemorySize.parse(v);
            case "--no-warm-up" -> c.noWarmUp = true;
            default -> throw new IllegalArgumentException(name);
        }
    }

    /** A plain decimal int; other spellings (hex, a sign, spaces) are left to picocli's converter. */
    private static int decimal(String v) {
        if (v.isEmpty() || v.length() > 9) {
            throw new IllegalArgumentException(v);
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException(v);
            }
        }
        return Integer.parseInt(v);
    }

    /** Applies the options after the command name; returns the index of the first positional, or -1 to decline. */
    private int options(String[] args) {
        int i = 1;
        while (i < args.length && args[i].startsWith("-")) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (!seen.add(name) && !repeatable.contains(name)) {
                return -1; // picocli refuses a single-valued option given twice
            }
            if (flags.contains(name) && eq < 0) {
                set(name, null);
                i++;
            } else if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                    i++;
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    value = args[i + 1];
                    i += 2;
                } else {
                    return -1;
                }
                set(name, value);
            } else {
                return -1; // --, -h, --help, -V, --version, an unknown option, a flag with a value
            }
        }
        return i;
    }
}
