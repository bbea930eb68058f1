package dev.trapdoor.engine.spec;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the spec suites beside the repository: {@code ../shared/wasm-testsuite} (2.0, flat) and
 * {@code ../shared/wasm-testsuite-3.0} (the spec repository's folders). {@code wast2json}, when installed, is only an
 * oracle: {@link #convert} turns a 2.0 script into {@code engine/target/spec/NAME/NAME.json} plus module files,
 * reusing a conversion that is newer than its script. Our own scripts in {@code engine/src/test/wast} (regressions in
 * the suite's format, named {@code trapdoor-*.wast} so they cannot shadow an official one) run along with the suite.
 */
public final class SpecLocator {
    /** Overrides the {@code shared} directory (which holds {@code wasm-testsuite}). */
    public static final String SHARED_PROPERTY = "trapdoor.shared";
    /** Overrides the wast2json executable. */
    public static final String WAST2JSON_PROPERTY = "trapdoor.wast2json";

    private static final long CONVERSION_TIMEOUT_SECONDS = 120;

    private final Path suiteDir;
    private final Path ownDir;
    private final Path suite30Dir;
    private final Path wast2json;
    private final Path outputRoot;

    private SpecLocator(Path suiteDir, Path ownDir, Path suite30Dir, Path wast2json, Path outputRoot) {
        this.suiteDir = suiteDir;
        this.ownDir = ownDir;
        this.suite30Dir = suite30Dir;
        this.wast2json = wast2json;
        this.outputRoot = outputRoot;
    }

    /** Something the spec suite needs is not on this machine; the message says what and how to provide it. */
    public static final class MissingPrerequisiteException extends Exception {
        MissingPrerequisiteException(String message) {
            super(message);
        }
    }

    public static SpecLocator locate() throws MissingPrerequisiteException {
        Path root = repositoryRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize());
        String sharedOverride = System.getProperty(SHARED_PROPERTY);
        Path shared = sharedOverride != null && !sharedOverride.isBlank()
                ? Path.of(sharedOverride).toAbsolutePath().normalize()
                : root.resolveSibling("shared");
        Path suite = shared.resolve("wasm-testsuite");
        if (!Files.isDirectory(suite)) {
            throw new MissingPrerequisiteException("the WebAssembly spec suite is missing: no directory " + suite
                    + " (expected ../shared/wasm-testsuite beside the repository; set -D" + SHARED_PROPERTY
                    + "=DIR to point elsewhere)");
        }
        Path suite30 = shared.resolve("wasm-testsuite-3.0");
        Path engine = root.resolve("engine");
        return new SpecLocator(suite, engine.resolve("src/test/wast"), Files.isDirectory(suite30) ? suite30 : null,
                findWast2json(), engine.resolve("target").resolve("spec"));
    }

    /**
     * The top of the chain of directories holding a pom.xml, starting from the working directory: that is the reactor
     * root whether tests run from the engine module (Maven) or from the root (some IDEs).
     */
    static Path repositoryRoot(Path start) {
        Path root = start;
        for (Path p = start; p != null && Files.isRegularFile(p.resolve("pom.xml")); p = p.getParent()) {
            root = p;
        }
        return root;
    }

    private static Path findWast2json() {
        String override = System.getProperty(WAST2JSON_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "wast2json");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public Path suiteDir() {
        return suiteDir;
    }

    /** Script names (without {@code .wast}), sorted, so runs and reports are in a stable order. */
    public List<String> scriptNames() throws IOException {
        List<String> names = new ArrayList<>(names(suiteDir));
        if (Files.isDirectory(ownDir)) {
            names.addAll(names(ownDir));
        }
        return names.stream().sorted().distinct().toList();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".wast"))
                    .map(n -> n.substring(0, n.length() - ".wast".length()))
                    .toList();
        }
    }

    public Path wast(String name) {
        Path own = ownDir.resolve(name + ".wast");
        return name.startsWith("trapdoor-") && Files.isRegularFile(own) ? own : suiteDir.resolve(name + ".wast");
    }

    /** The 3.0 suite's directory, or {@code null} when it is not on this machine. */
    public Path suite30Dir() {
        return suite30Dir;
    }

    /** The 3.0 suite's scripts as paths relative to its directory ({@code core/simd/simd_lane.wast}), sorted. */
    public List<String> scripts30() throws IOException {
        if (suite30Dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(suite30Dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wast"))
                    .map(p -> suite30Dir.relativize(p).toString().replace(File.separatorChar, '/'))
                    .sorted()
                    .toList();
        }
    }

    /** Whether wast2json is installed, for the tests that use it as an oracle. */
    public boolean hasWast2json() {
        return wast2json != null;
    }

    /**
     * Converts a script unless its json is newer than it, and returns the json's path; the module files sit beside it.
     *
     * @throws IOException if wast2json fails, with its output
     */
    public synchronized Path convert(String name) throws IOException {
        if (wast2json == null) {
            throw new IOException("wast2json is not installed (Debian package wabt: apt-get install wabt; or set -D"
                    + WAST2JSON_PROPERTY + "=PATH)");
        }
        Path wast = wast(name);
        Path dir = outputRoot.resolve(name);
        Path json = dir.resolve(name + ".json");
        if (Files.isRegularFile(json)
                && Files.getLastModifiedTime(json).compareTo(Files.getLastModifiedTime(wast)) > 0) {
            return json;
        }
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(wast2json.toString(), "--enable-all", "-o", json.toString(),
                wast.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(CONVERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("wast2json did not finish converting " + wast);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting " + wast, e);
        }
        if (p.exitValue() != 0) {
            // A half-written json must not pass for a cached conversion next time.
            Files.deleteIfExists(json);
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + output);
        }
        return json;
    }
}
