package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The WebAssembly 3.0 suite ({@code ../shared/wasm-testsuite-3.0}, the spec repository's folders): every script is
 * read by {@link WastReader} (a script that cannot be read fails), then its commands run. A module the engine (or the
 * text parser) rejects, or a value it cannot represent, is reported as skipped with the missing feature named, since
 * the engine implements 2.0; every other outcome counts. Prints the counts per folder. Select scripts with
 * {@code -Dspec30.file=core/gc/struct} (comma-separated, relative, without {@code .wast}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Spec30SuiteTest {
    static final String FILE_PROPERTY = "spec30.file";

    /** Folder → the feature its scripts test, for skip messages. */
    private static final Map<String, String> FEATURES = Map.ofEntries(
            Map.entry("core", "3.0 core (typed function references, GC types, tail calls, table initializers)"),
            Map.entry("core/bulk-memory", "bulk memory"),
            Map.entry("core/simd", "SIMD"),
            Map.entry("core/relaxed-simd", "relaxed SIMD"),
            Map.entry("core/exceptions", "exception handling (exnref)"),
            Map.entry("core/gc", "garbage collection"),
            Map.entry("core/memory64", "memory64/table64"),
            Map.entry("core/multi-memory", "multi-memory"),
            Map.entry("legacy/exceptions/core", "legacy exception handling"),
            Map.entry("custom/custom", "custom section annotations"),
            Map.entry("custom/name", "name annotations"),
            Map.entry("custom/metadata.code.branch_hint", "branch hint annotations"));

    private final Map<String, SpecTally> tallies = new TreeMap<>();

    /** How a debugger is attached to each script's store; subclasses run the suite under a debugger. */
    SpecDebugMode debugMode() {
        return SpecDebugMode.NONE;
    }

    /** The engine configuration each script's store gets; subclasses run the suite on the compiled tier. */
    EngineConfig config() {
        return EngineConfig.DEFAULT;
    }

    /** What the summary lines call this configuration. */
    String configurationName() {
        return "";
    }

    /** Whether this configuration runs the script (see {@link Spec30ConfigurationTest}). */
    boolean runs(String relative) {
        return true;
    }

    @TestFactory
    Stream<DynamicNode> spec30Suite() throws IOException {
        SpecLocator locator;
        try {
            locator = SpecLocator.locate();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            return missing("3.0 SPEC SUITE NOT RUN: " + e.getMessage());
        }
        if (locator.suite30Dir() == null) {
            return missing("3.0 SPEC SUITE NOT RUN: no ../shared/wasm-testsuite-3.0 beside the repository");
        }
        String only = System.getProperty(FILE_PROPERTY, "");
        List<String> wanted = only.isBlank() ? List.of() : List.of(only.split(","));
        List<DynamicNode> nodes = new ArrayList<>();
        for (String relative : locator.scripts30()) {
            String name = relative.substring(0, relative.length() - ".wast".length());
            if (!wanted.isEmpty() ? !wanted.contains(name) : !runs(relative)) {
                continue;
            }
            nodes.add(script(locator.suite30Dir().resolve(relative), relative));
        }
        if (nodes.isEmpty()) {
            nodes.add(dynamicTest("-D" + FILE_PROPERTY, () -> fail("no 3.0 script matches " + only)));
        }
        return nodes.stream();
    }

    private static Stream<DynamicNode> missing(String message) {
        System.err.println("*** " + message);
        return Stream.of(dynamicTest("3.0 spec suite prerequisites", () -> Assumptions.abort(message)));
    }

    private DynamicNode script(Path wast, String relative) {
        String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
        String feature = FEATURES.getOrDefault(folder, folder);
        SpecTally tally = tallies.computeIfAbsent(folder, f -> new SpecTally());
        URI source = wast.toUri();
        return dynamicContainer(relative, source, Stream.of(relative).flatMap(r -> {
            tally.countFile();
            List<WastCommand> all;
            try {
                all = WastReader.read(wast, relative);
            } catch (IOException | RuntimeException e) {
                return Stream.of(dynamicTest(relative + " reading", source,
                        () -> tally.run(() -> fail("cannot read " + relative + ": " + e.getMessage(), e))));
            }
            AtomicReference<WastScript> script = new AtomicReference<>(
                    new WastScript(relative, debugMode(), feature, config()));
            ScriptThread thread = new ScriptThread(relative);
            List<DynamicNode> tests = new ArrayList<>();
            for (WastCommand c : all) {
                boolean last = c == all.get(all.size() - 1);
                tests.add(dynamicTest(c.displayName(relative), URI.create(source + "?line=" + c.line()), () -> {
                    try {
                        tally.run(() -> thread.execute(c.line(), () -> script.get().run(c)));
                    } finally {
                        if (last) {
                            script.set(null);
                        }
                    }
                }));
            }
            return tests.stream();
        }));
    }

    @AfterAll
    void printSummary() {
        tallies.forEach((folder, t) -> System.out.println("3.0 " + (folder.isEmpty() ? "." : folder) + ": "
                + t.summary().replace("Spec suite: ", "") + configurationName()));
    }
}
