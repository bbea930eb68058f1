package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link Liveness} finds live at loop headers, block ends and cut points, and that code using it runs right. */
class LivenessTest {
    /**
     * $n and $acc cross the loop; $t is a temporary written before each read; $p is live at the header only because
     * the if's else arm reads it; $dead is never read.
     */
    private static final String WAT = """
            (module
              (func (export "run") (param $n i32) (param $p i32) (result i32)
                (local $acc i32) (local $t i32) (local $dead i32)
                (loop $l
                  (local.set $t (i32.mul (local.get $n) (i32.const 3)))
                  (local.set $dead (local.get $t))
                  (if (i32.and (local.get $n) (i32.const 1))
                    (then (local.set $acc (i32.add (local.get $acc) (local.get $t))))
                    (else (local.set $acc (i32.xor (local.get $acc) (local.get $p)))))
                  (block $b
                    (br_if $b (i32.eqz (local.get $n)))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br $l)))
                (local.get $acc)))""";

    private static final int N = 0;
    private static final int P = 1;
    private static final int ACC = 2;
    private static final int T = 3;
    private static final int DEAD = 4;

    private static BitSet set(int... locals) {
        BitSet b = new BitSet();
        for (int l : locals) {
            b.set(l);
        }
        return b;
    }

    @Test
    void findsWhatEachEntryNeeds() {
        WasmModule module = Wasm.load(Wabt.wat(WAT));
        ModuleContext ctx = new ModuleContext(module);
        Liveness liveness = new Liveness();
        List<int[]> controls = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        new FunctionValidator(ctx, (op, moduleOffset, v) -> {
            liveness.instruction(op, moduleOffset, v);
            offsets.add(moduleOffset);
            if (op == 0x03 || op == 0x02) {
                controls.add(new int[]{op, moduleOffset});
            }
        }).validate(0, module.body(0));
        liveness.analyze();
        int loop = controls.get(0)[1];
        int block = controls.get(1)[1];
        assertEquals(set(N, P, ACC), liveness.at(EntryIds.loop(loop)));
        // After the block only the result is read; the first instruction needs what the loop header needs.
        assertEquals(set(ACC), liveness.at(EntryIds.of(block, EntryIds.END)));
        assertEquals(set(N, P, ACC), liveness.at(EntryIds.of(offsets.get(0), EntryIds.AT)));
        // Before `local.set $dead (local.get $t)`: $t is live, $dead is not.
        BitSet beforeDead = liveness.at(EntryIds.of(offsets.get(5), EntryIds.AT));
        assertEquals(set(N, P, ACC, T), beforeDead);
    }

    @Test
    void tinyChunksGiveTheInterpretersAnswers() {
        byte[] wasm = Wabt.wat(WAT);
        long[] expected = run(wasm, EngineConfig.DEFAULT.withTier(Tier.INTERPRETER), 1001, 77);
        for (int budget : new int[]{EngineConfig.MIN_CHUNK_BUDGET, 120, 200, 400}) {
            assertArrayEquals(expected, run(wasm, EngineConfig.DEFAULT.withTier(Tier.COMPILED)
                    .withChunkBudget(budget), 1001, 77), "budget " + budget);
        }
    }

    private static long[] run(byte[] wasm, EngineConfig config, int n, int p) {
        Instance inst = new Store(config).instantiate(Wasm.load(wasm), ImportResolver.NONE);
        return inst.invoke("run", n, p);
    }
}
