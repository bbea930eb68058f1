package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ModuleDecoder;
import dev.trapdoor.engine.binary.SpecSuite;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static dev.trapdoor.engine.binary.Bin.cat;
import static dev.trapdoor.engine.binary.Bin.module;
import static dev.trapdoor.engine.binary.Bin.name;
import static dev.trapdoor.engine.binary.Bin.section;
import static dev.trapdoor.engine.binary.Bin.u32;
import static dev.trapdoor.engine.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DisassemblerTest {
    private static final String WAT = """
            (module
              (type $t (func (param i32) (result i32)))
              (import "env" "f" (func $imported))
              (memory 1)
              (table 2 funcref)
              (func $f (type $t) (local i64)
                (block $out (result i32)
                  (i32.load offset=4 align=2 (local.get 0))
                  (br_if $out (i32.const -7))
                  drop
                  (i64.const 1) local.set 1
                  (call_indirect (type $t) (i32.const 5) (i32.const 0))
                  (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))
                  i32.add)
                (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
                (table.copy (i32.const 0) (i32.const 0) (i32.const 0))
                (drop (f32.const -1.5))
                (drop (f64.const nan:0x8))))
            """;

    private static final List<String> EXPECTED = List.of(
            "block (result i32)",
            "local.get 0",
            "i32.load offset=4 align=2",
            "i32.const -7",
            "br_if 0",
            "drop",
            "i64.const 1",
            "local.set 1",
            "i32.const 5",
            "i32.const 0",
            "call_indirect (type 0)",
            "i32.const 1",
            "i32.const 2",
            "i32.const 0",
            "select (result i32)",
            "i32.add",
            "end",
            "i32.const 0",
            "i32.const 0",
            "i32.const 0",
            "memory.fill",
            "i32.const 0",
            "i32.const 0",
            "i32.const 0",
            "table.copy 0 0",
            "f32.const -1.5",
            "drop",
            "f64.const nan:0x8",
            "drop",
            "end");

    @Test
    void disassemblesWat2wasmOutput() throws Exception {
        boolean present = SpecSuite.onPath("wat2wasm");
        if (!present) {
            System.err.println("!!! SKIPPING disassembler test: wat2wasm not found (install wabt) !!!");
        }
        Assumptions.assumeTrue(present, "SKIPPED: wat2wasm not found");
        Path dir = Files.createDirectories(Path.of("target", "wat").toAbsolutePath());
        Path wat = dir.resolve("disassemble.wat");
        Path wasm = dir.resolve("disassemble.wasm");
        Files.writeString(wat, WAT);
        Process p = new ProcessBuilder("wat2wasm", "-o", wasm.toString(), wat.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);

        WasmModule m = ModuleDecoder.decode(Files.readAllBytes(wasm));
        List<String> lines = Disassembler.disassemble(m, 1);
        assertEquals(EXPECTED, lines.stream().map(l -> l.substring(l.indexOf(": ") + 2)).toList());
        assertEquals(String.format("0x%x: block (result i32)", m.body(1).bodyOffset()), lines.get(0));
        int previous = -1;
        for (String line : lines) {
            int offset = Integer.parseInt(line.substring(2, line.indexOf(':')), 16);
            assertEquals(true, offset > previous, line);
            previous = offset;
        }
        assertEquals(m.body(1).endOffset() - 1, previous);
    }

    @Test
    void handBuiltBodyWithExactOffsets() {
        byte[] body = cat(vec(), bytes(0x41, 0x80, 0x01, 0xFC, 0x0C, 3, 1, 0xD2, 0, 0x0B));
        byte[] wasm = module(section(1, vec(bytes(0x60, 0, 0))), section(3, vec(bytes(0))),
                section(10, vec(cat(u32(body.length), body))));
        int first = wasm.length - body.length + 1;
        assertEquals(List.of(
                        String.format("0x%x: i32.const 128", first),
                        String.format("0x%x: table.init 1 3", first + 3),
                        String.format("0x%x: ref.func 0", first + 7),
                        String.format("0x%x: end", first + 9)),
                Disassembler.disassemble(ModuleDecoder.decode(wasm), 0));
    }

    @Test
    void importedFunctionsHaveNoBody() {
        byte[] wasm = module(section(1, vec(bytes(0x60, 0, 0))),
                section(2, vec(cat(name("m"), name("f"), bytes(0, 0)))));
        WasmModule m = ModuleDecoder.decode(wasm);
        assertThrows(IllegalArgumentException.class, () -> Disassembler.disassemble(m, 0));
        assertThrows(IllegalArgumentException.class, () -> Disassembler.disassemble(m, 1));
    }
}
