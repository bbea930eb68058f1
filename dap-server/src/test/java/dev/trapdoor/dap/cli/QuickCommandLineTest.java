package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The start-up parser against picocli: the same command for every line it takes, and it declines the rest. */
class QuickCommandLineTest {
    private static final Console QUIET = new Console(java.io.InputStream.nullInputStream(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()));

    @Test
    void knowsEveryOptionTheCommandsDeclare() {
        assertEquals(annotatedOptions(RunCommand.class), QuickCommandLine.optionNames("run"));
        assertEquals(annotatedOptions(DapCommand.class), QuickCommandLine.optionNames("dap"));
    }

    @Test
    void takesWhatPicocliTakesWithTheSameMeaning() throws Exception {
        String[][] lines = {
            {"run", "hello.wasm"},
            {"run", "hello.wasm", "a", "--dir", "-x", "notafile.txt"},
            {"run", "--dir", "/tmp::/out", "--dir=/a", "--env", "X=1", "--env=Y", "hello.wasm", "7"},
            {"run", "--invoke", "fib", "10", "fib.wasm"},
            {"run", "--invoke=fib", "fib.wasm", "10"},
            {"run", "--trace-wasi", "--short-names", "--stdio-type", "1=tty", "--stdio-type=pipe", "p.wasm"},
            {"run", "--listen", "0", "p.wasm"},
            {"run", "--listen=40123", "p.wasm"},
            {"run", "--tier", "interpreter", "--translation=EXACT", "p.wasm"},
            {"run", "--tier=Compiled", "p.wasm"},
            {"run", "--max-table-elements", "100", "--time-limit", "1.5", "--max-memory", "256M", "p.wasm"},
            {"run", "--time-limit=2", "--max-memory=65536", "--coredump-on-trap", "core.wasm", "p.wasm"},
            {"run", "--env=", "p.wasm"},
            {"dap"},
            {"dap", "--port", "0"},
            {"dap", "--port=4711", "--host", "0.0.0.0", "--max-sessions", "3", "--max-message-size=1000",
                "--idle-timeout", "0.5", "--max-memory", "2G"},
            {"dap", "--port", "0", "--no-warm-up"},
        };
        for (String[] line : lines) {
            Callable<Integer> quick = QuickCommandLine.parse(QUIET, line);
            assertNotNull(quick, String.join(" ", line));
            Object slow = picocli(line);
            assertEquals(fields(slow), fields(quick), String.join(" ", line));
        }
    }

    @Test
    void leavesToPicocliWhatItCannotBeSureOf() {
        String[][] lines = {
            {}, {"run"}, {"run", "--help"}, {"run", "-h"}, {"dap", "--version"}, {"-V"}, {"help", "run"},
            {"run", "--bogus", "p.wasm"}, {"run", "--dir"}, {"run", "--dir", "--env", "X", "p.wasm"},
            {"run", "--", "p.wasm"}, {"run", "@args.txt"}, {"run", "p.wasm", "@guest-arg"},
            {"run", "--tier", "fast", "p.wasm"}, {"run", "--max-memory", "lots", "p.wasm"},
            {"run", "--listen", "0x10", "p.wasm"}, {"run", "--listen", "-1", "p.wasm"},
            {"run", "--invoke", "f", "--invoke", "g", "p.wasm"}, {"run", "--trace-wasi=true", "p.wasm"},
            {"run", "--trace-wasi", "--trace-wasi", "p.wasm"},
            {"dap", "extra"}, {"dap", "--port"}, {"dap", "--port", "99999999999"}, {"dap", "--idle-timeout", "x"},
        };
        for (String[] line : lines) {
            assertNull(QuickCommandLine.parse(QUIET, line), String.join(" ", line));
        }
    }

    private static Object picocli(String[] line) {
        CommandLine cl = Main.commandLine(QUIET, line);
        CommandLine.ParseResult parsed = cl.parseArgs(line);
        return parsed.subcommand().commandSpec().userObject();
    }

    private static Set<String> annotatedOptions(Class<?> command) {
        Set<String> names = new TreeSet<>();
        for (Field f : command.getDeclaredFields()) {
            CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
            if (o != null) {
                names.addAll(Arrays.asList(o.names()));
            }
        }
        return names;
    }

    /** The command's class and every option and parameter field, as text. */
    private static List<String> fields(Object command) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        values.add(command.getClass().getSimpleName());
        for (Field f : command.getClass().getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                f.setAccessible(true);
                values.add(f.getName() + "=" + Objects.toString(f.get(command)));
            }
        }
        return values;
    }
}
