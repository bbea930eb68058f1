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
