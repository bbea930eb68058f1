package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.binary.SpecSuite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 3.0 suite's {@code data.wast}, the one script with extended constant expressions that Debian's
 * {@code wast2json} converts ({@code global.wast} and {@code elem.wast} use typed references): every command passes
 * but the listed ones.
 */
class Spec30DataTest {
    private static final Path OUT = Path.of("target", "spec30-json").toAbsolutePath();

    /** Commands that fail, and why. */
    private static final Map<Integer, String> KNOWN = Map.of(
            89, "3.0 lets an offset read a global the module defines; Trapdoor allows imported globals only",
            90, "3.0 lets an offset read a global the module defines; Trapdoor allows imported globals only");

    @Test
    void dataScriptPasses() throws IOException {
        Path suite30 = SpecSuite.requireSuite().resolveSibling("wasm-testsuite-3.0");
        if (!Files.isRegularFile(suite30.resolve("core/data.wast"))) {
            System.err.println("*** 3.0 SPEC SUITE NOT FOUND: " + suite30);
            Assumptions.abort("3.0 spec suite not found at " + suite30);
        }
        SpecSuite.commands(suite30, "core/data", OUT);
        Path json = OUT.resolve("core/data/data.json");
        WastScript script = new WastScript("data.wast", json.getParent());
        List<String> failures = new ArrayList<>();
        List<Integer> failedKnown = new ArrayList<>();
        int passed = 0;
        for (WastCommand c : WastCommand.readScript(json)) {
            if (c.isTextModule()) {
                continue;
            }
            try {
                script.run(c);
                passed++;
                if (KNOWN.containsKey(c.line())) {
                    failures.add("data.wast:" + c.line() + " passes now: remove it from KNOWN");
                }
            } catch (AssertionFailedError e) {
                if (KNOWN.containsKey(c.line())) {
                    failedKnown.add(c.line());
                } else {
                    failures.add("data.wast:" + c.line() + " " + c.type() + ": " + e.getMessage());
                }
            }
        }
        System.out.printf("[spec 3.0 data] %d commands pass, %d known failures %s%n", passed, failedKnown.size(),
                failedKnown);
        assertEquals(List.of(), failures);
        assertTrue(passed > 50, "too few commands ran: " + passed);
    }
}
