package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.session.MemorySize;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

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
    private final Map<String, Consumer<String>> valued = new HashMap<>();
    private final Map<String, Runnable> flags = new HashMap<>();
    private final java.util.Set<String> repeatable = new java.util.HashSet<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    private QuickCommandLine() {
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
    static java.util.Set<String> optionNames(String command) {
        QuickCommandLine q = new QuickCommandLine();
        if (command.equals("run")) {
            q.runOptions(new RunCommand(null));
        } else {
            q.dapOptions(new DapCommand(null));
        }
        java.util.Set<String> names = new java.util.TreeSet<>(q.valued.keySet());
        names.addAll(q.flags.keySet());
        return names;
    }

    private static RunCommand run(Console console, String[] args) {
        RunCommand c = new RunCommand(console);
        c.tier = Tier.parse("tiered");
        c.translation = TranslationLevel.parse("optimized");
        QuickCommandLine q = new QuickCommandLine();
        q.runOptions(c);
        int i = q.options(args);
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
        QuickCommandLine q = new QuickCommandLine();
        q.dapOptions(c);
        return q.options(args) == args.length ? c : null;
    }

    private void runOptions(RunCommand c) {
        valued.put("--dir", c.dirs::add);
        valued.put("--env", c.env::add);
        valued.put("--invoke", v -> c.invoke = v);
        valued.put("--stdio-type", c.stdioTypes::add);
        flags.put("--trace-wasi", () -> c.traceWasi = true);
        flags.put("--short-names", () -> c.shortNames = true);
        valued.put("--listen", v -> c.listen = decimal(v));
        valued.put("--tier", v -> c.tier = Tier.parse(v));
        valued.put("--translation", v -> c.translation = TranslationLevel.parse(v));
        valued.put("--max-table-elements", v -> c.maxTableElements = decimal(v));
        valued.put("--time-limit", v -> c.timeLimit = Double.valueOf(v));
        valued.put("--max-memory", v -> c.maxMemory = MemorySize.parse(v));
        valued.put("--coredump-on-trap", v -> c.coredumpOnTrap = Path.of(v));
        repeatable.addAll(java.util.List.of("--dir", "--env", "--stdio-type"));
    }

    private void dapOptions(DapCommand c) {
        valued.put("--port", v -> c.port = decimal(v));
        valued.put("--host", v -> c.host = v);
        valued.put("--max-sessions", v -> c.maxSessions = decimal(v));
        valued.put("--max-message-size", v -> c.maxMessageBytes = decimal(v));
        valued.put("--idle-timeout", v -> c.idleTimeout = Double.parseDouble(v));
        valued.put("--max-memory", v -> c.maxMemory = MemorySize.parse(v));
    }

    /** A plain decimal int; other spellings (hex, a sign, spaces) are left to picocli's converter. */
    private static int decimal(String v) {
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException(v);
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
            if (flags.containsKey(name) && eq < 0) {
                flags.get(name).run();
                i++;
            } else if (valued.containsKey(name)) {
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
                valued.get(name).accept(value);
            } else {
                return -1; // --, -h, --help, -V, --version, an unknown option, a flag with a value
            }
        }
        return i;
    }
}
