package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link InstructionSkip} steps over exactly the bytes {@link InstructionReader} reads, and names the same opcode. */
class InstructionSkipTest {
    /** Walks every body with both readers in step; returns how many instructions were compared. */
    private static int compare(String name, WasmModule m) {
        int compared = 0;
        for (int f = m.importedFunctionCount(); f < m.functionCount(); f++) {
            FunctionBody body = m.body(f);
            ByteReader full = new ByteReader(m.bytes(), body.bodyOffset(), body.endOffset());
            ByteReader lean = new ByteReader(m.bytes(), body.bodyOffset(), body.endOffset());
            while (full.pos() < body.endOffset()) {
                int at = full.pos();
                Opcode expected = InstructionReader.read(full).opcode();
                assertEquals(expected, InstructionSkip.skip(lean), name + " function " + f + " at " + at);
                assertEquals(full.pos(), lean.pos(), name + " function " + f + ": end of the instruction at " + at);
                compared++;
            }
        }
        return compared;
    }

    @Test
    void theExamplesReadAlike() throws IOException {
        List<Path> modules;
        try (var files = Files.list(Path.of("../examples"))) {
            modules = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(modules.size() >= 10, "the examples are there: " + modules);
        int compared = 0;
        for (Path p : modules) {
            if (p.getFileName().toString().contains("wasm64")) {
                continue; // built only where a memory64 toolchain is
            }
            compared += compare(p.getFileName().toString(), Wasm.load(Files.readAllBytes(p)));
        }
        assertTrue(compared > 100_000, "compared " + compared + " instructions");
    }

    @Test
    void theRareFormsGoToTheFullReader() {
        WasmModule m = Wasm.load(Wat.compile("m.wat", """
                (module
                  (memory 1) (memory $second 1)
                  (table 2 funcref)
                  (type $t (func (param i32) (result i32)))
                  (func $f (param i32) (result i32)
                    (loop $again)
                    (block $out (result i32)
                      (block $in (result i32)
                        (br_table $in $out (i32.const 7) (local.get 0))))
                    (i32.load $second offset=8 (i32.const 0))
                    i32.add
                    (select (result i32) (i32.const 1) (i32.const 2) (local.get 0))
                    i32.add
                    (call_indirect (type $t) (i32.const 3) (i32.const 0))
                    i32.add
                    (i64.store offset=4294967295 (i32.const 0) (i64.const -1))
                    (f64.store (i32.const 8) (f64.const -0x1p-1074))
                    (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
                    (i32x4.extract_lane 3 (i32x4.splat (i32.const 253)))
                    i32.add))
                """).binary());
        assertTrue(compare("m.wat", m) > 20);
    }
}
