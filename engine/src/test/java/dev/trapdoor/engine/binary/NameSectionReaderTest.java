package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.model.Names;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static dev.trapdoor.engine.binary.Bin.cat;
import static dev.trapdoor.engine.binary.Bin.module;
import static dev.trapdoor.engine.binary.Bin.name;
import static dev.trapdoor.engine.binary.Bin.section;
import static dev.trapdoor.engine.binary.Bin.u32;
import static dev.trapdoor.engine.binary.Bin.vec;
import static dev.trapdoor.engine.binary.DecoderRobustnessTest.subsection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameSectionReaderTest {
    private static final String WAT = """
            (module $calc
              (import "env" "log" (func $log (param i32)))
              (func $add (param $lhs i32) (param $rhs i32) (result i32) (local $sum i32)
                local.get $lhs
                local.get $rhs
                i32.add)
              (func $twice (param $x i32) (result i32)
                local.get $x
                local.get $x
                call $add))
            """;

    private static Names names(byte[] wasm) {
        return NameSectionReader.read(ModuleDecoder.decode(wasm));
    }

    @Test
    void namesFromWat2wasmDebugNames() throws Exception {
        boolean present = SpecSuite.onPath("wat2wasm");
        if (!present) {
            System.err.println("!!! SKIPPING name-section test: wat2wasm not found (install wabt) !!!");
        }
        Assumptions.assumeTrue(present, "SKIPPED: wat2wasm not found");
        Path dir = Files.createDirectories(Path.of("target", "wat").toAbsolutePath());
        Path wat = dir.resolve("names.wat");
        Path wasm = dir.resolve("names.wasm");
        Files.writeString(wat, WAT);
        Process p = new ProcessBuilder("wat2wasm", "--debug-names", "-o", wasm.toString(), wat.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);

        Names n = names(Files.readAllBytes(wasm));
        assertEquals("calc", n.moduleName());
        assertEquals(Map.of(0, "log", 1, "add", 2, "twice"), n.functionNames());
        assertEquals(Map.of(0, "lhs", 1, "rhs", 2, "sum"), n.localNames().get(1));
        assertEquals(Map.of(0, "x"), n.localNames().get(2));
    }

    @Test
    void absentSectionGivesEmptyNames() {
        assertSame(Names.EMPTY, names(module(section(0, name("other"), bytes(1, 2, 3)))));
    }

    @Test
    void unknownSubsectionsAreSkipped() {
        byte[] wasm = module(section(0, name("name"),
                subsection(7, bytes(1, 2, 3)),
                subsection(1, vec(cat(u32(4), name("four"))))));
        assertEquals(Map.of(4, "four"), names(wasm).functionNames());
    }

    /** Name section payload: module "m", functions 0 "a" and 1 "bb", locals of function 1: 0 "p", 1 "q". */
    private static byte[] payload() {
        return cat(
                subsection(0, name("m")),
                subsection(1, vec(cat(u32(0), name("a")), cat(u32(1), name("bb")))),
                subsection(2, vec(cat(u32(1), vec(cat(u32(0), name("p")), cat(u32(1), name("q")))))));
    }

    private static Names namesOfTruncatedPayload(int length) {
        byte[] cut = Arrays.copyOf(payload(), length);
        return names(module(section(0, name("name"), cut)));
    }

    @Test
    void truncatedSectionYieldsWhatCameBeforeTheDamage() {
        // Subsection 0 is bytes 0-3, subsection 1 bytes 4-13 (its second entry 9-13), subsection 2 from 14.
        assertNull(namesOfTruncatedPayload(3).moduleName());
        Names afterModuleName = namesOfTruncatedPayload(4);
        assertEquals("m", afterModuleName.moduleName());
        assertTrue(afterModuleName.functionNames().isEmpty());
        assertEquals(Map.of(0, "a"), namesOfTruncatedPayload(12).functionNames());
        Names oneLocal = namesOfTruncatedPayload(payload().length - 2);
        assertEquals(Map.of(0, "a", 1, "bb"), oneLocal.functionNames());
        assertEquals(Map.of(0, "p"), oneLocal.localNames().get(1));
        Names full = namesOfTruncatedPayload(payload().length);
        assertEquals(Map.of(0, "p", 1, "q"), full.localNames().get(1));
    }

    @Test
    void everyTruncationAndCorruptionIsQuiet() {
        byte[] p = payload();
        for (int length = 0; length <= p.length; length++) {
            namesOfTruncatedPayload(length);
        }
        for (int i = 0; i < p.length; i++) {
            for (int value : new int[] {0x00, 0x7F, 0x80, 0xFF, 0xC0}) {
                byte[] damaged = p.clone();
                damaged[i] = (byte) value;
                // The reader's contract is not to throw; a throw here fails the test.
                names(module(section(0, name("name"), damaged)));
            }
        }
    }

    @Test
    void invalidUtf8StopsReading() {
        byte[] wasm = module(section(0, name("name"),
                subsection(1, vec(cat(u32(0), name("ok")), cat(u32(1), u32(1), bytes(0xFF)), cat(u32(2), name("z"))))));
        assertEquals(Map.of(0, "ok"), names(wasm).functionNames());
    }
}
