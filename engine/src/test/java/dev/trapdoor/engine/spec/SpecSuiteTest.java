package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The official WebAssembly spec suite: one container per .wast script, one test per command, run in script order.
 * Slice it with {@code -Dspec.file=i32} and {@code -Dspec.lines=100-200}; known failures are listed with reasons in
 * {@code src/test/resources/spec/exclusions.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecSuiteTest {
    private final SpecTally TALLY = new SpecTally();

    /** How a debugger is attached to each script's store; subclasses run the suite under a debugger. */
    SpecDebugMode debugMode() {
        return SpecDebugMode.NONE;
    }

    /** The engine configuration each script's store gets; subclasses run the suite on the compiled tier. */
    EngineConfig config() {
        return EngineConfig.DEFAULT;
    }

    /** What the summary line calls this configuration. */
    String configurationName() {
        return debugMode() == SpecDebugMode.NONE ? "" : " (" + debugMode() + ")";
    }

    @TestFactory
    Stream<DynamicNode> specSuite() throws IOException {
        SpecSelection selection = SpecSelection.fromSystemProperties();
        SpecLocator locator;
        try {
            locator = SpecLocator.locate();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            // Loud, because a skipped suite is easy to overlook in a green build.
            String message = "SPEC SUITE NOT RUN: " + e.getMessage();
            System.err.println("*** " + message);
            return Stream.of(dynamicTest("spec suite prerequisites", () -> TALLY.run(() -> Assumptions.abort(message))));
        }
        Exclusions exclusions = Exclusions.load();
        List<String> names = locator.scriptNames().stream().filter(selection::includesFile).toList();
        Set<String> unknown = new TreeSet<>(selection.files());
        unknown.removeAll(names);
        List<DynamicNode> nodes = new ArrayList<>();
        if (!unknown.isEmpty()) {
            // A typo in -Dspec.file must not pass as an empty, green run.
            nodes.add(dynamicTest("-D" + SpecSelection.FILE_PROPERTY + " " + String.join(",", unknown),
                    () -> TALLY.run(() -> fail("no such script in " + locator.suiteDir() + ": "
                            + unknown.stream().map(n -> n + ".wast").collect(Collectors.joining(", "))))));
        }
        Set<String> unknownExcluded = new TreeSet<>(exclusions.files());
        locator.scriptNames().forEach(n -> unknownExcluded.remove(n + ".wast"));
        if (!unknownExcluded.isEmpty()) {
            nodes.add(dynamicTest(Exclusions.RESOURCE, () -> TALLY.run(() -> fail(Exclusions.RESOURCE
                    + " names scripts that do not exist: " + unknownExcluded))));
        }
        for (String name : names) {
            nodes.add(script(locator, name, selection, exclusions));
        }
        return nodes.stream();
    }

    @AfterAll
    void printSummary() {
        if (!TALLY.isEmpty()) {
            System.out.println(TALLY.summary() + configurationName());
        }
    }

    private DynamicNode script(SpecLocator locator, String name, SpecSelection selection,
                                      Exclusions exclusions) {
        String file = name + ".wast";
        URI source = locator.wast(name).toUri();
        return dynamicContainer(file, source, Stream.of(name).flatMap(n -> {
            // Read lazily, so output comes file by file.
            TALLY.countFile();
            try {
                return commands(locator, n, selection, exclusions);
            } catch (IOException | RuntimeException e) {
                return Stream.of(dynamicTest(file + " conversion", source,
                        () -> TALLY.run(() -> fail("cannot read " + file + ": " + e.getMessage(), e))));
            }
        }));
    }

    private Stream<DynamicNode> commands(SpecLocator locator, String name, SpecSelection selection,
                                                Exclusions exclusions) throws IOException {
        String file = name + ".wast";
        List<WastCommand> all = WastReader.read(locator.wast(name), file);
        // JUnit keeps every dynamic test (and so what its lambda holds) until the run ends; the script's store, with
        // its memories, is dropped after the script's last command instead.
        AtomicReference<WastScript> script = new AtomicReference<>(new WastScript(file, debugMode(), null,
                config()));
        ScriptThread thread = new ScriptThread(file);
        List<WastCommand> selected = all.stream().filter(selection::runs).toList();
        List<DynamicNode> tests = new ArrayList<>();
        for (WastCommand c : selected) {
            boolean last = c == selected.get(selected.size() - 1);
            String display = c.displayName(file) + (selection.includesLine(c.line()) ? "" : " (setup)");
            String excluded = exclusions.reason(file, c.line());
            Executable body;
            if (excluded != null) {
                body = () -> {
                    // Later commands must not run against the module before an excluded one, and must say why.
                    thread.execute(c.line(), () -> script.get().skip(c));
                    Assumptions.abort("excluded: " + excluded);
                };
            } else {
                body = () -> located(display, () -> thread.execute(c.line(), () -> script.get().run(c)));
            }
            Executable counted = () -> {
                try {
                    TALLY.run(body);
                } finally {
                    if (last) {
                        script.set(null);
                    }
                }
            };
            tests.add(dynamicTest(display, lineUri(locator.wast(name), c.line()), counted));
        }
        if (!selection.isSliced()) {
            Set<Integer> lines = all.stream().map(WastCommand::line).collect(Collectors.toSet());
            List<Integer> stale = exclusions.linesOf(file).stream().filter(l -> !lines.contains(l)).toList();
            if (!stale.isEmpty()) {
                tests.add(dynamicTest(file + " exclusions", () -> TALLY.run(() -> fail(Exclusions.RESOURCE
                        + " names lines of " + file + " that hold no command: " + stale))));
            }
        }
        return tests.stream();
    }

    /**
     * Prefixes a failure's message with the command's name: Surefire's closing list of failures shows only messages
     * for dynamic tests, and that list is what a CI log reader sees first.
     */
    private static void located(String where, Executable body) throws Throwable {
        try {
            body.execute();
        } catch (AssertionFailedError e) {
            AssertionFailedError located = new AssertionFailedError(where + ": " + e.getMessage(), e.getCause());
            located.setStackTrace(e.getStackTrace());
            throw located;
        }
    }

    /** A file URI with a line, which JUnit turns into a FileSource position that IDEs can jump to. */
    private static URI lineUri(Path wast, int line) {
        return URI.create(wast.toUri() + "?line=" + line);
    }
}
