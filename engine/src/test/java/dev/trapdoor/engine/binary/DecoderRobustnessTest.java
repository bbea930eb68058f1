package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.instr.Disassembler;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static dev.trapdoor.engine.binary.Bin.cat;
import static dev.trapdoor.engine.binary.Bin.i32Const;
import static dev.trapdoor.engine.binary.Bin.module;
import static dev.trapdoor.engine.binary.Bin.name;
import static dev.trapdoor.engine.binary.Bin.section;
import static dev.trapdoor.engine.binary.Bin.u32;
import static dev.trapdoor.engine.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged modules (every truncation, single-byte corruptions, random multi-byte damage) must only ever produce a
 * module or a {@link MalformedModuleException}: never another exception, and never a huge allocation.
 */
class DecoderRobustnessTest {
    private static final int[] REPLACEMENTS = {0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF};

    /** A module touching every section kind, a name section, and instructions of most immediate kinds. */
    static byte[] kitchenSink() {
        byte[] body = cat(vec(cat(u32(2), bytes(0x7F))),
                bytes(0x02, 0x40, 0x20, 0, 0x0D, 0, 0x0B),
                bytes(0x41, 0x00, 0x28, 0x02, 0x04, 0x1A),
                bytes(0x20, 1, 0x0E, 2, 0, 0, 0, 0x1A),
                bytes(0x3F, 0x00, 0x40, 0x00, 0x1A),
                bytes(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0, 0x00),
                bytes(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x0A, 0x00, 0x00),
                bytes(0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x1A, 0xD0, 0x70, 0x1A),
                bytes(0x41, 0, 0x11, 0, 0, 0x0B));
        byte[] localNames = vec(cat(u32(1), vec(cat(u32(0), name("x")), cat(u32(1), name("")))));
        byte[] nameSection = section(0, name("name"),
                subsection(0, name("mod")),
                subsection(1, vec(cat(u32(0), name("imp")), cat(u32(1), name("f")))),
                subsection(2, localNames));
        return module(
                section(1, vec(bytes(0x60, 1, 0x7F, 1, 0x7F), bytes(0x60, 0, 0))),
                section(2, vec(cat(name("env"), name("imp"), bytes(0, 1)))),
                section(3, vec(bytes(0))),
                section(4, vec(bytes(0x70, 0x01, 1, 4))),
                section(5, vec(bytes(0x01, 1, 2))),
                section(6, vec(cat(bytes(0x7F, 1), i32Const(42)), cat(bytes(0x70, 0), bytes(0xD2, 0, 0x0B)))),
                section(7, vec(cat(name("f"), bytes(0, 1)), cat(name("m"), bytes(2, 0)))),
                section(9, vec(cat(bytes(0), i32Const(0), vec(bytes(1))),
                        cat(bytes(5, 0x70), vec(bytes(0xD2, 0, 0x0B))))),
                section(12, u32(2)),
                section(10, vec(cat(u32(body.length), body))),
                section(11, vec(cat(bytes(0), i32Const(8), vec(bytes(1), bytes(2))), cat(bytes(1), vec(bytes(3))))),
                nameSection);
    }

    static byte[] subsection(int id, byte[] contents) {
        return cat(bytes(id), u32(contents.length), contents);
    }

    @Test
    void kitchenSinkIsWellFormed() {
        WasmModule m = SpecSuite.decodeWithBodies(kitchenSink());
        assertEquals(2, m.functionCount());
        assertEquals("mod", NameSectionReader.read(m).moduleName());
        List<String> lines = Disassembler.disassemble(m, 1);
        assertEquals(28, lines.size());
        assertEquals("i32.load offset=4 align=4", lines.get(5).substring(lines.get(5).indexOf(' ') + 1));
        assertEquals("call_indirect (type 0)", lines.get(26).substring(lines.get(26).indexOf(' ') + 1));
    }

    @Test
    void handBuiltModuleSurvivesDamage() {
        List<String> failures = new ArrayList<>();
        int outcomes = damage(kitchenSink(), failures);
        System.out.printf("[robustness] %d damaged hand-built modules tried, %d failures%n", outcomes, failures.size());
        assertEquals(List.of(), failures);
        assertTrue(outcomes > 1000, "too few damaged inputs tried: " + outcomes);
    }

    @Test
    void specModulesSurviveDamage() {
        Path suite = SpecSuite.requireSuite();
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (String name : List.of("binary", "elem", "data", "global", "br_table", "memory_init", "names")) {
            // Damage is quadratic in module size, so take the three largest modules under 1.5 KB of each file.
            List<byte[]> picked = SpecSuite.commands(suite, name).stream()
                    .filter(c -> c.type().equals("module") && c.wasm() != null)
                    .map(SpecSuite.Command::bytes)
                    .filter(b -> b.length <= 1500)
                    .sorted((a, b) -> Integer.compare(b.length, a.length))
                    .limit(3)
                    .toList();
            for (byte[] wasm : picked) {
                tried += damage(wasm, failures);
            }
        }
        System.out.printf("[robustness] %d damaged spec modules tried, %d failures%n", tried, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
        assertTrue(tried > 1000);
    }

    /** Feeds every damaged variant of {@code wasm} through the decoder; returns how many were tried. */
    private static int damage(byte[] wasm, List<String> failures) {
        int tried = 0;
        for (int length = 0; length < wasm.length; length++) {
            check(Arrays.copyOf(wasm, length), "truncated to " + length, failures);
            tried++;
        }
        for (int i = 0; i < wasm.length; i++) {
            for (int value : REPLACEMENTS) {
                if ((wasm[i] & 0xFF) == value) {
                    continue;
                }
                byte[] copy = wasm.clone();
                copy[i] = (byte) value;
                check(copy, "byte " + i + " set to 0x" + Integer.toHexString(value), failures);
                tried++;
            }
        }
        Random random = new Random(wasm.length);
        for (int n = 0; n < 500; n++) {
            byte[] copy = wasm.clone();
            for (int k = 0; k < 3; k++) {
                copy[8 + random.nextInt(copy.length - 8)] = (byte) random.nextInt(256);
            }
            check(copy, "random damage #" + n, failures);
            tried++;
        }
        return tried;
    }

    private static void check(byte[] wasm, String what, List<String> failures) {
        try {
            WasmModule m = ModuleDecoder.decode(wasm);
            NameSectionReader.read(m);
            for (int f = m.importedFunctionCount(); f < m.functionCount(); f++) {
                try {
                    Disassembler.disassemble(m, f);
                } catch (MalformedModuleException | UnsupportedFeatureException expected) {
                    // Bodies are only read here; a damaged one is malformed, or turned into a 3.0 instruction.
                }
            }
        } catch (MalformedModuleException | UnsupportedFeatureException expected) {
            // The acceptable failures: damage often yields a well-formed use of a feature Trapdoor lacks.
        } catch (Throwable t) {
            failures.add(what + ": " + t);
        }
    }
}
