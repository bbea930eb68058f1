package dev.trapdoor.engine.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's wabt as an independent oracle for tests: {@code wat2wasm} builds modules from text, and
 * {@code wasm-objdump -d} says at which module offset each instruction sits. Tests skip loudly without wabt
 * ({@code .ci/run} installs it).
 */
public final class Wabt {
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([0-9a-f]{6}):[0-9a-f ]+\\|\\s*(.*)$");
    private static final Pattern FUNCTION = Pattern.compile("^[0-9a-f]+ func\\[(\\d+)\\] <(.*)>:$");
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*(\\w+) start=0x([0-9a-f]+) end=0x([0-9a-f]+) \\(size=0x[0-9a-f]+\\).*$");

    private Wabt() {
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            String message = "WABT NOT INSTALLED: cannot run " + command.get(0) + " (" + e.getMessage()
                    + "); install Debian's wabt (.ci/run does)";
            System.err.println("*** " + message);
            Assumptions.abort(message);
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed:\n" + out);
        }
        return out;
    }

    /** Assembles a module from the text format (with names, so stack traces show them). */
    public static byte[] wat(String text) {
        return wat(text, new String[0]);
    }

    /** As {@link #wat(String)}, with more {@code wat2wasm} options, e.g. {@code --enable-extended-const}. */
    public static byte[] wat(String text, String... options) {
        try {
            Path dir = Files.createTempDirectory("trapdoor-wat");
            try {
                Files.writeString(dir.resolve("m.wat"), text);
                List<String> command = new ArrayList<>(List.of("wat2wasm", "--debug-names"));
                command.addAll(List.of(options));
                command.addAll(List.of("m.wat", "-o", "m.wasm"));
                run(command, dir);
                return Files.readAllBytes(dir.resolve("m.wasm"));
            } finally {
                for (String f : new String[]{"m.wat", "m.wasm"}) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One disassembled instruction: its module offset, function index and text (e.g. "i32.load 2 0"). */
    public record Line(int moduleOffset, int funcIndex, String text) {
    }

    /** Disassembles a module with {@code wasm-objdump -d}. */
    public static List<Line> disassemble(byte[] wasm) {
        try {
            Path dir = Files.createTempDirectory("trapdoor-objdump");
            try {
                Files.write(dir.resolve("m.wasm"), wasm);
                String out = run(List.of("wasm-objdump", "-d", "m.wasm"), dir);
                List<Line> lines = new ArrayList<>();
                int func = -1;
                for (String line : out.split("\n")) {
                    Matcher f = FUNCTION.matcher(line);
                    if (f.matches()) {
                        func = Integer.parseInt(f.group(1));
                        continue;
                    }
                    Matcher m = INSTRUCTION.matcher(line);
                    if (m.matches() && func >= 0) {
                        lines.add(new Line(Integer.parseInt(m.group(1), 16), func, m.group(2).trim()));
                    }
                }
                return lines;
            } finally {
                Files.deleteIfExists(dir.resolve("m.wasm"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A section as {@code wasm-objdump -h} lists it: its name and where its contents start and end. */
    public record Section(String name, int contentStart, int contentEnd) {
    }

    /** The sections of a module, with {@code wasm-objdump -h}. */
    public static List<Section> sections(byte[] wasm) {
        try {
            Path dir = Files.createTempDirectory("trapdoor-objdump");
            try {
                Files.write(dir.resolve("m.wasm"), wasm);
                List<Section> sections = new ArrayList<>();
                for (String line : run(List.of("wasm-objdump", "-h", "m.wasm"), dir).split("\n")) {
                    Matcher m = SECTION.matcher(line);
                    if (m.matches()) {
                        sections.add(new Section(m.group(1), Integer.parseInt(m.group(2), 16),
                                Integer.parseInt(m.group(3), 16)));
                    }
                }
                return sections;
            } finally {
                Files.deleteIfExists(dir.resolve("m.wasm"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code wasm-objdump -x} prints about a module's sections. */
    public static String details(byte[] wasm) {
        return onFile(wasm, "wasm-objdump", "-x");
    }

    /** Runs {@code wasm-validate}; fails with its output when the module is invalid. */
    public static void validate(byte[] wasm) {
        onFile(wasm, "wasm-validate");
    }

    private static String onFile(byte[] wasm, String... command) {
        try {
            Path dir = Files.createTempDirectory("trapdoor-wabt");
            try {
                Files.write(dir.resolve("m.wasm"), wasm);
                List<String> line = new ArrayList<>(List.of(command));
                line.add("m.wasm");
                return run(line, dir);
            } finally {
                Files.deleteIfExists(dir.resolve("m.wasm"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Module offset of the {@code nth} (0-based) instruction of a function whose text starts with {@code prefix}. */
    public static int offsetOf(byte[] wasm, int funcIndex, String prefix, int nth) {
        int seen = 0;
        for (Line l : disassemble(wasm)) {
            if (l.funcIndex() == funcIndex && l.text().startsWith(prefix) && seen++ == nth) {
                return l.moduleOffset();
            }
        }
        throw new IllegalArgumentException("no instruction " + prefix + " #" + nth + " in function " + funcIndex);
    }
}
