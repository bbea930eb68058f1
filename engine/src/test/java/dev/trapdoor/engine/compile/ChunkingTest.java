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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded-translation rule: a function of any size compiles, in as many chunks as the budget needs. */
class ChunkingTest {
    /** A function far over any one JVM method's limit: 20,000 additions in a loop, with branches across them. */
    private static String bigFunction(int blocks) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < blocks; i++) {
            body.append("(local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const ").append(i % 7 + 1)
                    .append("))))\n");
            body.append("(br_if $out (i32.gt_u (local.get 1) (i32.const 2000000000)))\n");
        }
        return "(module (func (export \"big\") (param i32) (result i32) (local i32)\n"
                + "(block $out (loop $l\n" + body
                + "(br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))\n"
                + "(local.get 1)))";
    }

    @Test
    void everyChunkStaysWithinTheBudget() {
        WasmModule m = Wasm.load(Wabt.wat(bigFunction(4000)));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, 7600, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 10, "a 4000-statement body needs many chunks, got " + cc.chunkCount());
        for (int size : cc.chunkSizes()) {
            assertTrue(size <= 7600, "chunk of " + size + " bytes over a 7600-byte budget");
        }
    }

    /**
     * A frame of hundreds of slots makes a chunk's epilogue large, which lets the chunk grow past the budget, but
     * never past the 8,000 bytes C2 compiles (fsm-O0's first chunk once had 8,052 and ran in the JVM's interpreter).
     */
    @Test
    void aChunkOfAHugeFrameStaysCompilableByC2() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // Two new slots per load, and loads are trap sites whose handlers copy every slot the chunk holds: the
            // epilogue grows faster than the code.
            body.append("(local.set ").append(2 * i + 1).append(" (i32.load (local.get ").append(2 * i)
                    .append(")))\n");
        }
        String wat = "(module (memory 1) (func (export \"f\") (param i32) (result i32) (local "
                + "i32 ".repeat(600) + ")\n"
                + "(loop $l " + body + "(br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))\n"
                + "(local.get 599)))";
        WasmModule m = Wasm.load(Wabt.wat(wat));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, 7600, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 1, "600 locals need several chunks");
        for (int size : cc.chunkSizes()) {
            assertTrue(size <= ChunkBudget.C2_LIMIT, "chunk of " + size + " bytes: C2 would not compile it");
        }
    }

    /** Straight-line code, then a small loop: the loop should start a chunk of its own rather than straddle two. */
    private static final String CODE_THEN_LOOP;

    static {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            body.append("(local.set 1 (i32.xor (local.get 1) (i32.mul (local.get 0) (i32.const ")
                    .append(i + 3).append("))))\n");
        }
        CODE_THEN_LOOP = "(module (func (export \"f\") (param i32) (result i32) (local i32)\n" + body
                + "(loop $l (local.set 1 (i32.add (i32.rotl (local.get 1) (i32.const 5)) (local.get 0)))\n"
                + "  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))\n"
                + "(local.get 1)))";
    }

    @Test
    void aLoopThatWouldStraddleTwoChunksStartsTheNextOne() {
        byte[] wasm = Wabt.wat(CODE_THEN_LOOP);
        WasmModule m = Wasm.load(wasm);
        int loopOffset = -1;
        for (int off = m.body(0).bodyOffset(); off < m.body(0).endOffset(); off++) {
            if ((m.bytes()[off] & 0xFF) == 0x03 && (m.bytes()[off + 1] & 0xFF) == 0x40) {
                loopOffset = off;
            }
        }
        assertTrue(loopOffset > 0);
        // The loop ends where the function's last two instructions (local.get 1, end) begin.
        int loopEnd = m.body(0).endOffset() - 3;
        java.util.List<Integer> straddled = new java.util.ArrayList<>();
        // From 700 bytes on, the loop fits an empty chunk with room to spare.
        for (int budget = 700; budget < 3000; budget += 37) {
            CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$T");
            for (int id : cc.entryIds()) {
                int offset = EntryIds.moduleOffset(id);
                if ((id & 3) == EntryIds.AT && offset > loopOffset && offset < loopEnd) {
                    straddled.add(budget);
                }
            }
        }
        assertTrue(straddled.isEmpty(), "budgets that cut the loop: " + straddled);
        long[] expected = new Store().instantiate(m, ImportResolver.NONE).invoke("f", 1000);
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(400));
        assertArrayEquals(expected, store.instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("f", 1000));
    }

    @Test
    void aHugeFunctionRunsCompiledWithTheInterpretersResult() {
        byte[] wasm = Wabt.wat(bigFunction(4000));
        long[] expected = new Store().instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("big", 3);
        for (int budget : new int[]{EngineConfig.DEFAULT_CHUNK_BUDGET, 64}) {
            Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget));
            assertArrayEquals(expected, store.instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("big", 3));
        }
    }
}
