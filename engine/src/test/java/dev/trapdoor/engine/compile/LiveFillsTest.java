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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * clang -O0's shape: a frame of hundreds of locals, each a temporary set and read once, with loads from the frame in
 * memory (trap sites), straight code, then a loop that uses most of them. Under liveness the loop's entries load none
 * of its temporaries; counting them as constants ({@link LiveFills}) shows that the loop fits a chunk of its own, so no
 * iteration crosses chunks, where the older estimate cut it in two (fsm-O0 crossed twice per iteration).
 */
class LiveFillsTest {
    private static final int PROLOGUE = 20;
    private static final int BODY = 80;

    /** Locals: 0 the count (and the frame's address), 1 the accumulator, then the temporaries, two a statement. */
    private static String o0Shape() {
        StringBuilder prologue = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int t = 2;
        for (int k = 0; k < PROLOGUE; k++, t += 2) {
            prologue.append(statement(t, k));
        }
        for (int k = 0; k < BODY; k++, t += 2) {
            body.append(statement(t, k + 7));
        }
        return "(module (memory 1) (func (export \"f\") (param i32) (result i32) (local "
                + "i32 ".repeat(2 * (PROLOGUE + BODY) + 1) + ")\n" + prologue
                + "(loop $l\n" + body
                + "(br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))\n"
                + "(local.get 1)))";
    }

    /** {@code acc += frame[k]} as clang -O0 spells it: a load into a temporary, a sum into another. */
    private static String statement(int t, int k) {
        return "(local.set " + t + " (i32.load offset=" + (4 * (k % 64)) + " (local.get 0)))\n"
                + "(local.set " + (t + 1) + " (i32.add (local.get 1) (local.get " + t + ")))\n"
                + "(local.set 1 (local.get " + (t + 1) + "))\n";
    }

    /** Chunk cuts (AT entries) between the loop's opening and its end. */
    private static List<Integer> cutsInLoop(WasmModule m, CompiledClass cc) {
        int loop = -1;
        for (int off = m.body(0).bodyOffset(); off < m.body(0).endOffset() && loop < 0; off++) {
            if ((m.bytes()[off] & 0xFF) == 0x03 && (m.bytes()[off + 1] & 0xFF) == 0x40) {
                loop = off;
            }
        }
        // The loop ends where the function's last two instructions (local.get 1, end) begin.
        int loopEnd = m.body(0).endOffset() - 3;
        List<Integer> cuts = new ArrayList<>();
        for (int id : cc.entryIds()) {
            int offset = EntryIds.moduleOffset(id);
            if ((id & 7) == EntryIds.AT && offset > loop && offset < loopEnd) {
                cuts.add(offset);
            }
        }
        return cuts;
    }

    private static CompiledClass compile(WasmModule m, int budget, boolean liveFills) {
        boolean was = LiveFills.enabled;
        LiveFills.enabled = liveFills;
        try {
            return JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$T", false, true);
        } finally {
            LiveFills.enabled = was;
        }
    }

    @Test
    void aLoopOfTemporariesKeepsAChunkOfItsOwn() {
        WasmModule m = Wasm.load(Wabt.wat(o0Shape()));
        CompiledClass older = compile(m, EngineConfig.DEFAULT_CHUNK_BUDGET, false);
        assertFalse(cutsInLoop(m, older).isEmpty(), "the older estimate cuts this loop (the test's premise)");
        CompiledClass cc = compile(m, EngineConfig.DEFAULT_CHUNK_BUDGET, true);
        assertEquals(List.of(), cutsInLoop(m, cc), "cuts inside the loop");
        assertTrue(cc.chunkCount() > 1, "the prologue and the loop do not fit one chunk");
        for (int size : cc.chunkSizes()) {
            assertTrue(size <= ChunkBudget.C2_LIMIT, "chunk of " + size + " bytes: C2 would not compile it");
        }
    }

    /** Whatever the estimate spares, no chunk passes C2's limit, at any budget, and the results stay the interpreter's. */
    @Test
    void everyBudgetStaysUnderTheLimitWithTheInterpretersResult() {
        byte[] wasm = Wabt.wat(o0Shape());
        WasmModule m = Wasm.load(wasm);
        for (int budget = 500; budget <= ChunkBudget.C2_LIMIT; budget += 500) {
            for (int size : compile(m, budget, true).chunkSizes()) {
                assertTrue(size <= ChunkBudget.C2_LIMIT, "budget " + budget + ": chunk of " + size + " bytes");
            }
        }
        long[] expected = new Store().instantiate(m, ImportResolver.NONE).invoke("f", 50);
        for (int budget : new int[]{EngineConfig.DEFAULT_CHUNK_BUDGET, 4000, 1000}) {
            Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget));
            assertArrayEquals(expected, store.instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("f", 50));
        }
    }
}
