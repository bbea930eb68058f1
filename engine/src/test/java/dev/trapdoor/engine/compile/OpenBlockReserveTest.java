package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interpreter-style loop (a header of a hundred empty blocks, then a {@code br_table} over them) keeps its header
 * and its {@code br_table} in one chunk at the default budget: the budget charges an open block what its exits can
 * really take, so the header is not cut away from its dispatch (a crossing on every iteration).
 */
class OpenBlockReserveTest {
    private static final int CASES = 120;

    private static String dispatchLoop() {
        StringBuilder open = new StringBuilder();
        StringBuilder targets = new StringBuilder();
        StringBuilder cases = new StringBuilder();
        for (int k = 0; k < CASES; k++) {
            open.append("(block $b").append(k).append(' ');
            targets.append(" $b").append(k);
        }
        for (int k = CASES - 1; k >= 0; k--) {
            cases.append(")\n");
            for (int s = 0; s < 4; s++) {
                cases.append("(local.set 1 (i32.add (i32.rotl (local.get 1) (i32.const ").append(s + 1)
                        .append(")) (i32.mul (local.get 0) (i32.const ").append(k * 4 + s + 3).append("))))\n");
            }
        }
        return "(module (func (export \"f\") (param i32) (result i32) (local i32)\n"
                + "(loop $l " + open + "\n(br_table" + targets + " (i32.and (local.get 0) (i32.const 127)))" + cases
                + "(br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))\n"
                + "(local.get 1)))";
    }

    @Test
    void aDispatchLoopsHeaderAndItsBrTableShareAChunk() {
        byte[] wasm = Wabt.wat(dispatchLoop());
        WasmModule m = Wasm.load(wasm);
        int loopOffset = -1;
        int brTableOffset = -1;
        for (int off = m.body(0).bodyOffset(); off < m.body(0).endOffset(); off++) {
            int op = m.bytes()[off] & 0xFF;
            if (loopOffset < 0 && op == 0x03 && (m.bytes()[off + 1] & 0xFF) == 0x40) {
                loopOffset = off;
            }
            if (brTableOffset < 0 && op == 0x0E && (m.bytes()[off - 1] & 0xFF) == 0x71) {
                brTableOffset = off;
            }
        }
        assertTrue(loopOffset > 0 && brTableOffset > loopOffset, "loop " + loopOffset + ", br_table " + brTableOffset);
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, EngineConfig.DEFAULT_CHUNK_BUDGET,
                "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 1, "the cases need several chunks, got " + cc.chunkCount());
        List<Integer> cuts = new ArrayList<>();
        for (int id : cc.entryIds()) {
            int offset = EntryIds.moduleOffset(id);
            if ((id & 7) == EntryIds.AT && offset > loopOffset && offset <= brTableOffset) {
                cuts.add(offset);
            }
        }
        assertTrue(cuts.isEmpty(), "cuts between the loop (" + loopOffset + ") and its br_table ("
                + brTableOffset + "): " + cuts);
        long[] expected = new Store().instantiate(m, ImportResolver.NONE).invoke("f", 5000);
        for (int budget : new int[]{EngineConfig.DEFAULT_CHUNK_BUDGET, 300}) {
            Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget));
            assertArrayEquals(expected, store.instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("f", 5000));
        }
    }
}
