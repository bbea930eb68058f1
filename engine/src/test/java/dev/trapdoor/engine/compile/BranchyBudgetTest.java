package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large function dense in blocks ({@code printf_core}'s shape: an {@code if} every few bytes) is cut into chunks of
 * at most {@link BranchyBudget#BUDGET} bytes at the default budget, which C1 compiles; a function as large but sparse
 * in blocks keeps the default budget; results and traps equal the interpreter's with the switch on and off.
 */
class BranchyBudgetTest {
    @RegisterExtension
    final Switches switches = Switches.kept(BranchyBudget.SWITCH);

    /** {@code n} ifs, each adding to local 1 when a bit of the parameter is set; a store past memory's end at the end. */
    private static String dense(int n) {
        StringBuilder b = new StringBuilder("(module (memory 1) (func (export \"f\") (param i32) (result i32) (local i32)\n");
        for (int k = 0; k < n; k++) {
            b.append("(if (i32.and (local.get 0) (i32.const ").append(1 << (k % 31)).append("))")
                    .append(" (then (local.set 1 (i32.add (local.get 1) (i32.const ").append(k + 1).append(")))))\n");
        }
        return b.append("(i32.store (local.get 0) (local.get 1)) (local.get 1)))").toString();
    }

    /** As long, with one block: straight arithmetic, and the same store. */
    private static String sparse(int n) {
        StringBuilder b = new StringBuilder("(module (memory 1) (func (export \"f\") (param i32) (result i32) (local i32)\n");
        for (int k = 0; k < n; k++) {
            b.append("(local.set 1 (i32.add (i32.rotl (local.get 1) (i32.const ").append(k % 31 + 1)
                    .append(")) (i32.xor (local.get 0) (i32.const ").append(k + 1).append("))))\n");
        }
        return b.append("(i32.store (local.get 0) (local.get 1)) (local.get 1)))").toString();
    }

    /** Code lengths of the chunk methods, in chunk order. */
    private static List<Integer> chunkSizes(CompiledClass cc) {
        Map<String, Integer> all = new HashMap<>();
        for (byte[] bytes : cc.classes()) {
            try {
                all.putAll(ClassFiles.codeLengths(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; all.containsKey("c" + i); i++) {
            sizes.add(all.get("c" + i));
        }
        return sizes;
    }

    private static CompiledClass compile(String wat) {
        WasmModule m = Wasm.load(Wabt.wat(wat));
        return JvmCompiler.compile(new ModuleContext(m), 0, EngineConfig.DEFAULT_CHUNK_BUDGET,
                "dev/trapdoor/engine/exec/Jit$T");
    }

    @Test
    void aLargeFunctionDenseInBlocksGetsSmallerChunks() {
        String wat = dense(700);
        WasmModule m = Wasm.load(Wabt.wat(wat));
        int wasmBytes = m.body(0).endOffset() - m.body(0).bodyOffset();
        assertTrue(wasmBytes >= EngineConfig.DEFAULT_CHUNK_BUDGET, "the function must be large: " + wasmBytes);
        List<Integer> on = chunkSizes(compile(wat));
        System.setProperty(BranchyBudget.SWITCH, "false");
        List<Integer> off = chunkSizes(compile(wat));
        assertTrue(on.size() > off.size(), "chunks on " + on + ", off " + off);
        for (int size : on) {
            // The budget bounds the code; a chunk's epilogue (fills, spills, exits) comes on top.
            assertTrue(size <= BranchyBudget.BUDGET + 1200, "chunk of " + size + " bytes: " + on);
        }
        assertTrue(off.stream().anyMatch(s -> s > BranchyBudget.BUDGET + 1200), "off: " + off);
    }

    @Test
    void aLargeFunctionSparseInBlocksKeepsTheDefaultBudget() {
        String wat = sparse(700);
        List<Integer> on = chunkSizes(compile(wat));
        System.setProperty(BranchyBudget.SWITCH, "false");
        List<Integer> off = chunkSizes(compile(wat));
        assertEquals(off, on);
    }

    @Test
    void resultsAndTrapsEqualTheInterpretersWithTheSwitchOnAndOff() {
        byte[] wasm = Wabt.wat(dense(700));
        // 65536 - 2 is past memory's end for a 4-byte store: the same trap in both tiers.
        SwitchedParity.assertSameAsTheInterpreter(wasm, BranchyBudget.SWITCH, new String[]{"true", "false"},
                new int[]{0, 0x5554, 0xFFF0, 0x2AA8}, 65534);
    }
}
