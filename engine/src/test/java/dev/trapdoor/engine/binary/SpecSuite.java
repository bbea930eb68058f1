package dev.trapdoor.engine.binary;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trapdoor.engine.instr.ExpressionScanner;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WebAssembly spec test suite, converted to binary modules with {@code wast2json} into {@code target/spec-json}.
 * Looks for the suite in the system property {@code trapdoor.wasm.testsuite}, then {@code ../../shared/wasm-testsuite}
 * (the shared folder beside the checkout), then {@code /work/shared/wasm-testsuite}.
 */
public final class SpecSuite {
    /** One command of a converted {@code .wast}; {@code wasm} is null for commands without a binary module. */
    public record Command(String wast, String type, int line, Path wasm, String text, String moduleType) {
        public String where() {
            return wast + ":" + line;
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(wasm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Path OUT = Path.of("target", "spec-json").toAbsolutePath();

    private SpecSuite() {
    }

    /** Skips the calling test, loudly, when the suite or {@code wast2json} is missing. */
    public static Path requireSuite() {
        Path dir = suiteDir();
        String missing = dir == null ? "the spec test suite (set -Dtrapdoor.wasm.testsuite=DIR)"
                : !onPath("wast2json") ? "wast2json (install wabt)" : null;
        if (missing != null) {
            System.err.println("!!! SKIPPING spec-suite test: " + missing + " not found !!!");
        }
        Assumptions.assumeTrue(missing == null, "SKIPPED: " + missing + " not found");
        return dir;
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static Path suiteDir() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("trapdoor.wasm.testsuite");
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of("..", "..", "shared", "wasm-testsuite").toAbsolutePath().normalize());
        candidates.add(Path.of("/work/shared/wasm-testsuite"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("binary.wast"))) {
                return p;
            }
        }
        return null;
    }

    /** The suite's {@code .wast} files, without the SIMD ones (the engine does not implement SIMD). */
    public static List<String> nonSimdWastNames(Path suite) {
        try (Stream<Path> files = Files.list(suite)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".wast") && !n.startsWith("simd"))
                    .map(n -> n.substring(0, n.length() - ".wast".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts {@code name.wast} (once; reconverted when the .wast is newer) and returns its commands. */
    public static List<Command> commands(Path suite, String name) {
        return commands(suite, name, OUT);
    }

    /** As {@link #commands(Path, String)}, converting into {@code out} (another suite must not share the folder). */
    public static List<Command> commands(Path suite, String name, Path out) {
        Path wast = suite.resolve(name + ".wast");
        Path dir = out.resolve(name);
        Path json = dir.resolve(Path.of(name).getFileName() + ".json");
        try {
            if (!Files.exists(json) || Files.getLastModifiedTime(json).compareTo(Files.getLastModifiedTime(wast)) < 0) {
                Files.createDirectories(dir);
                Process p = new ProcessBuilder("wast2json", "--enable-all", "-o", json.toString(), wast.toString())
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("wast2json failed on " + wast + ":\n" + output);
                }
            }
            JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            List<Command> commands = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("commands")) {
                JsonObject c = e.getAsJsonObject();
                String file = c.has("filename") ? c.get("filename").getAsString() : null;
                String moduleType = c.has("module_type") ? c.get("module_type").getAsString()
                        : file != null && file.endsWith(".wasm") ? "binary" : null;
                commands.add(new Command(name + ".wast", c.get("type").getAsString(), c.get("line").getAsInt(),
                        file != null && file.endsWith(".wasm") ? dir.resolve(file) : null,
                        c.has("text") ? c.get("text").getAsString() : null, moduleType));
            }
            return commands;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes, then reads every function body's instructions the way the validator will: the decoder leaves bodies
     * undecoded, and the suite's malformed modules include bodies with bad encodings.
     */
    public static WasmModule decodeWithBodies(byte[] bytes) {
        WasmModule module = ModuleDecoder.decode(bytes);
        for (FunctionBody body : module.bodies()) {
            ByteReader r = new ByteReader(bytes, body.bodyOffset(), body.endOffset());
            int end = ExpressionScanner.skipToEnd(r);
            if (end != body.endOffset()) {
                throw new dev.trapdoor.engine.error.MalformedModuleException(end, "section size mismatch");
            }
        }
        return module;
    }
}
