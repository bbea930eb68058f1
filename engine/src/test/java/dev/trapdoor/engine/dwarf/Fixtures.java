package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The C fixtures of {@code src/test/c/dwarf} as built modules, and the LLVM tools that cross-check them. */
final class Fixtures {
    static final List<String> PROGRAMS = List.of("prog-O0.wasm", "prog-O2.wasm", "prog-O0-dwarf5.wasm",
            "prog-O2-dwarf5.wasm");
    static final List<String> TINY = List.of("tiny-O2-dwarf4.wasm", "tiny-O2-dwarf5.wasm");

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/dwarf/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name + "; run src/test/c/dwarf/build.sh", e);
        }
    }

    static WasmModule load(String name) {
        try {
            return Wasm.load(Files.readAllBytes(path(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The C sources, found from the test's working directory (the engine module) the way Maven runs it. */
    static Path source(String name) {
        Path p = Path.of("src/test/c/dwarf", name);
        if (!Files.exists(p)) {
            p = Path.of("engine/src/test/c/dwarf", name);
        }
        return p;
    }

    /** The 1-based line of the C source holding a marker comment such as {@code BP_MAIN_FIRST}. */
    static int markerLine(String file, String marker) {
        try {
            List<String> lines = Files.readAllLines(source(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("/* " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no marker " + marker + " in " + file);
    }

    /** Runs an LLVM tool, skipping the test (loudly) when the tool is not installed. */
    static String run(String... command) {
        Path tool = Path.of("/usr/bin", command[0]);
        Assumptions.assumeTrue(Files.isExecutable(tool),
                "SKIPPED: " + command[0] + " not installed (apt-get install llvm-14); cannot cross-check DWARF");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A row as {@code llvm-dwarfdump --debug-line} prints it. */
    record DumpRow(long programOffset, long address, int line, int column, int file, boolean isStmt,
                   boolean endSequence) {
    }

    private static final Pattern PROGRAM = Pattern.compile("^debug_line\\[0x([0-9a-f]+)\\]");
    private static final Pattern ROW = Pattern.compile(
            "^0x([0-9a-f]{16})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*(.*)$");

    /** Every row of every line program, grouped into sequences in the order printed. */
    static List<List<DumpRow>> dumpSequences(String fixture) {
        String dump = run("llvm-dwarfdump-14", "--debug-line", path(fixture).toString());
        List<List<DumpRow>> sequences = new ArrayList<>();
        List<DumpRow> current = new ArrayList<>();
        long program = -1;
        for (String line : dump.split("\n")) {
            Matcher m = PROGRAM.matcher(line);
            if (m.find()) {
                program = Long.parseLong(m.group(1), 16);
                continue;
            }
            Matcher r = ROW.matcher(line);
            if (r.matches()) {
                String flags = r.group(7);
                DumpRow row = new DumpRow(program, Long.parseLong(r.group(1), 16), Integer.parseInt(r.group(2)),
                        Integer.parseInt(r.group(3)), Integer.parseInt(r.group(4)), flags.contains("is_stmt"),
                        flags.contains("end_sequence"));
                current.add(row);
                if (row.endSequence()) {
                    sequences.add(current);
                    current = new ArrayList<>();
                }
            }
        }
        return sequences;
    }

    /** A copy of a module whose custom sections are replaced (to damage DWARF without re-encoding the module). */
    static WasmModule withCustomSections(WasmModule m, List<CustomSection> sections) {
        int[] defined = new int[m.functionCount() - m.importedFunctionCount()];
        for (int i = 0; i < defined.length; i++) {
            defined[i] = m.functionTypeIndex(m.importedFunctionCount() + i);
        }
        return new WasmModule(m.bytes(), m.types(), m.imports(), defined,
                m.tables().subList(m.importedTableCount(), m.tables().size()),
                m.memories().subList(m.importedMemoryCount(), m.memories().size()), m.globals(), m.exports(),
                m.startFunction(), m.elements(), m.data(), m.dataCount(), m.bodies(), sections,
                m.codeSectionOffset());
    }

    /** A copy of a module with its own copy of the bytes, so tests can corrupt them. */
    static WasmModule withBytes(WasmModule m, byte[] bytes) {
        int[] defined = new int[m.functionCount() - m.importedFunctionCount()];
        for (int i = 0; i < defined.length; i++) {
            defined[i] = m.functionTypeIndex(m.importedFunctionCount() + i);
        }
        return new WasmModule(bytes, m.types(), m.imports(), defined,
                m.tables().subList(m.importedTableCount(), m.tables().size()),
                m.memories().subList(m.importedMemoryCount(), m.memories().size()), m.globals(), m.exports(),
                m.startFunction(), m.elements(), m.data(), m.dataCount(), m.bodies(), m.customSections(),
                m.codeSectionOffset());
    }
}
