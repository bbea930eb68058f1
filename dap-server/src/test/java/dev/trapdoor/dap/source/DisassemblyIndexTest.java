package dev.trapdoor.dap.source;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisassemblyIndexTest {
    private static WasmModule debugme() throws Exception {
        return Wasm.load(Files.readAllBytes(Path.of("../examples/debugme.wasm")));
    }

    /** What every step asks (is the pc on a host call?) is answered from one function, not a module's disassembly. */
    @Test
    void textAtDecodesOnlyTheFunctionAskedAboutAndAgreesWithTheIndex() throws Exception {
        WasmModule module = debugme();
        DisassemblyIndex lazy = new DisassemblyIndex(module);
        List<DisassemblyIndex.Instruction> expected = new DisassemblyIndex(module).all();
        List<String> texts = new ArrayList<>();
        for (DisassemblyIndex.Instruction in : expected) {
            texts.add(lazy.textAt(in.moduleOffset()));
            if (in.length() > 1) {
                assertNull(lazy.textAt(in.moduleOffset() + 1), "inside the instruction at " + in.moduleOffset());
            }
        }
        assertFalse(lazy.built());
        assertEquals(expected.stream().map(DisassemblyIndex.Instruction::text).toList(), texts);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("call ")), "debugme calls functions");
    }

    @Test
    void textAtOutsideEveryFunctionIsNullAndOnceBuiltTheIndexAnswers() throws Exception {
        WasmModule module = debugme();
        DisassemblyIndex index = new DisassemblyIndex(module);
        assertNull(index.textAt(0));
        assertNull(index.textAt(module.bytes().length + 10));
        DisassemblyIndex.Instruction first = index.all().get(0);
        assertTrue(index.built());
        assertEquals(first.text(), index.textAt(first.moduleOffset()));
    }
}
