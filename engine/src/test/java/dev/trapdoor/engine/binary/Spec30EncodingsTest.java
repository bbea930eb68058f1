package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product rule against the WebAssembly 3.0 suite: a valid 3.0 module is never "malformed" (it loads, or names the
 * feature Trapdoor lacks), and every binary module the 3.0 suite calls malformed still is. Runs on every script
 * Debian's {@code wast2json} can convert (it cannot read GC, typed references and exnref scripts).
 */
class Spec30EncodingsTest {
    private static final Path OUT = Path.of("target", "spec30-json").toAbsolutePath();

    /**
     * Malformed 3.0 modules reported as not supported, and why. Trapdoor stops at the first construct it cannot
     * decode, so a malformation after it goes unseen.
     */
    private static final Set<String> KNOWN_UNSUPPORTED_BEFORE_MALFORMED = Set.of(
            // A 64-bit memory, then a memarg offset of 2^64: the memory section already stops the decoder.
            "core/memory64/binary_leb128_64.wast:17");

    @Test
    void validModulesAreNeverMalformedAndMalformedOnesStayMalformed() {
        Path suite = suite30();
        SpecSuite.requireSuite();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> unsupported = new TreeMap<>();
        int valid = 0;
        int loaded = 0;
        int malformed = 0;
        int invalid = 0;
        int unconverted = 0;
        List<String> rejectedAsInvalid = new ArrayList<>();
        for (String name : scripts(suite)) {
            List<SpecSuite.Command> commands;
            try {
                commands = SpecSuite.commands(suite, name, OUT);
            } catch (IllegalStateException e) {
                unconverted++;
                continue;
            }
            for (SpecSuite.Command c : commands) {
                if (c.wasm() == null) {
                    continue;
                }
                String type = c.type();
                boolean mustBeValid = type.equals("module") || type.startsWith("assert_return")
                        || type.equals("assert_trap") || type.equals("assert_unlinkable")
                        || type.equals("assert_uninstantiable") || type.equals("assert_exhaustion");
                Throwable thrown = load(c.bytes());
                if (type.equals("assert_malformed")) {
                    if (!"binary".equals(c.moduleType())) {
                        continue;
                    }
                    malformed++;
                    boolean known = thrown instanceof UnsupportedFeatureException
                            && KNOWN_UNSUPPORTED_BEFORE_MALFORMED.contains(c.where());
                    if (!(thrown instanceof MalformedModuleException) && !known) {
                        failures.add(c.where() + " malformed in 3.0 (\"" + c.text() + "\"), got " + thrown);
                    }
                } else if (type.equals("assert_invalid")) {
                    invalid++;
                    if (thrown instanceof MalformedModuleException) {
                        failures.add(c.where() + " invalid in 3.0 (\"" + c.text() + "\"), got " + thrown);
                    }
                } else if (mustBeValid) {
                    valid++;
                    if (thrown == null) {
                        loaded++;
                    } else if (thrown instanceof UnsupportedFeatureException u) {
                        unsupported.merge(u.feature().displayName(), 1, Integer::sum);
                    } else if (thrown instanceof InvalidModuleException) {
                        rejectedAsInvalid.add(c.where() + ": " + thrown.getMessage());
                    } else {
                        failures.add(c.where() + " valid in 3.0, got " + thrown);
                    }
                }
            }
        }
        System.out.printf("[spec 3.0 encodings] %d valid modules: %d load, %s not supported, %d rejected as invalid;"
                        + " %d binary malformed, %d invalid checked; %d scripts wast2json cannot convert%n",
                valid, loaded, unsupported, rejectedAsInvalid.size(), malformed, invalid, unconverted);
        rejectedAsInvalid.forEach(r -> System.out.println("[spec 3.0 encodings] valid in 3.0, invalid here: " + r));
        assertTrue(valid > 1000, "expected thousands of valid 3.0 modules, found " + valid);
        assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())));
    }

    private static Throwable load(byte[] bytes) {
        try {
            Wasm.load(bytes);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Path suite30() {
        Path core = SpecSuite.suiteDir() == null ? null
                : SpecSuite.suiteDir().resolveSibling("wasm-testsuite-3.0");
        if (core == null || !Files.isRegularFile(core.resolve("core/binary.wast"))) {
            String message = "3.0 SPEC SUITE NOT FOUND next to the 2.0 suite (../shared/wasm-testsuite-3.0)";
            System.err.println("*** " + message);
            Assumptions.abort(message);
        }
        return core;
    }

    /** Every script's path under the suite, without {@code .wast}, e.g. {@code core/memory64/memory64}. */
    private static List<String> scripts(Path suite) {
        try (Stream<Path> files = Files.walk(suite)) {
            return files.filter(p -> p.toString().endsWith(".wast"))
                    .map(p -> suite.relativize(p).toString())
                    .map(n -> n.substring(0, n.length() - ".wast".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
