package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.spec.Superseded;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every well-formed binary module of the spec suite (non-SIMD files) decodes, and its function bodies read as
 * instructions to their last byte. Well-formed means the {@code module} commands, and the modules of
 * {@code assert_invalid}, {@code assert_unlinkable}, {@code assert_uninstantiable}, {@code assert_trap} and
 * {@code assert_exhaustion}: they fail later, never in the decoder.
 */
class SpecModulesTest {
    private static final Set<String> WELL_FORMED = Set.of("module", "assert_invalid", "assert_unlinkable",
            "assert_uninstantiable", "assert_trap", "assert_exhaustion");

    @Test
    void everyWellFormedModuleDecodes() {
        Path suite = SpecSuite.requireSuite();
        int modules = 0;
        int others = 0;
        int bodies = 0;
        List<String> failures = new ArrayList<>();
        for (String name : SpecSuite.nonSimdWastNames(suite)) {
            for (SpecSuite.Command c : SpecSuite.commands(suite, name)) {
                if (!WELL_FORMED.contains(c.type()) || c.wasm() == null) {
                    continue;
                }
                try {
                    WasmModule m = SpecSuite.decodeWithBodies(c.bytes());
                    bodies += m.bodies().size();
                    if (c.type().equals("module")) {
                        modules++;
                    } else {
                        others++;
                    }
                } catch (MalformedModuleException e) {
                    failures.add(c.where() + " (" + c.type() + "): " + e.getMessage());
                } catch (UnsupportedFeatureException e) {
                    Feature superseded = Superseded.feature(c.wast(), c.line());
                    if (e.feature() != superseded) {
                        failures.add(c.where() + " (" + c.type() + "): " + e.getMessage());
                    } else {
                        others++;
                    }
                }
            }
        }
        System.out.printf("[spec modules] %d module commands and %d other well-formed modules decoded, %d bodies"
                + " read; %d failures%n", modules, others, bodies, failures.size());
        assertTrue(modules > 1000, "expected over a thousand module commands, found " + modules);
        assertEquals(List.of(), failures);
    }
}
