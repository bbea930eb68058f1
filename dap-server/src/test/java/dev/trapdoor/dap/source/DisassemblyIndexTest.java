package dev.trapdoor.dap.source;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    /**
     * A program's sessions share one index and ask it at the same moment (a fresh server's first step): each function
     * is disassembled once, every thread gets that one list, and its text agrees with a private index's.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void threadsAskingAtOnceShareOneListPerFunction(boolean lockFree) throws Exception {
        boolean was = DisassemblyIndex.lockFree;
        DisassemblyIndex.lockFree = lockFree;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            WasmModule module = debugme();
            List<DisassemblyIndex.Instruction> expected = new DisassemblyIndex(module).all();
            int first = module.importedFunctionCount();
            int count = module.bodies().size();
            for (int round = 0; round < 20; round++) {
                DisassemblyIndex shared = new DisassemblyIndex(module);
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<List<List<DisassemblyIndex.Instruction>>>> seen = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t;
                    seen.add(pool.submit(() -> {
                        start.await();
                        List<List<DisassemblyIndex.Instruction>> lists = new ArrayList<>();
                        for (int k = 0; k < count; k++) {
                            lists.add(null);
                        }
                        for (int k = 0; k < count; k++) { // each thread in its own order
                            int f = (k + offset * 7) % count;
                            lists.set(f, shared.function(first + f));
                        }
                        return lists;
                    }));
                }
                List<List<DisassemblyIndex.Instruction>> one = seen.get(0).get();
                for (Future<List<List<DisassemblyIndex.Instruction>>> other : seen) {
                    List<List<DisassemblyIndex.Instruction>> lists = other.get();
                    for (int f = 0; f < count; f++) {
                        assertSame(one.get(f), lists.get(f), "function " + (first + f) + " in round " + round);
                    }
                }
                List<DisassemblyIndex.Instruction> joined = new ArrayList<>();
                one.forEach(joined::addAll);
                assertEquals(expected, joined);
                for (DisassemblyIndex.Instruction in : expected) {
                    assertEquals(in.text(), shared.textAt(in.moduleOffset()));
                }
                assertSame(one.get(0), shared.function(first));
            }
        } finally {
            pool.shutdownNow();
            DisassemblyIndex.lockFree = was;
        }
    }
}
