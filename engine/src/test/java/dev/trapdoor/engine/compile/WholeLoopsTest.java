package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop that fits the loop budget stays in one chunk, measured by its real size, while the straight code around it
 * is cut at the smaller chunk budget; with no loop budget the same loop is cut like the rest.
 */
class WholeLoopsTest {
    private static final int BUDGET = 400;
    private static final int LOOP_BUDGET = 1600;

    private static String statements(int n, int salt) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append("(local.set 1 (i32.add (i32.rotl (local.get 1) (i32.const ").append(k % 7 + 1)
                    .append(")) (i32.mul (local.get 0) (i32.const ").append(k * 31 + salt).append("))))\n");
        }
        return b.toString();
    }

    private static byte[] module() {
        return Wabt.wat("(module (func (export \"f\") (param i32) (result i32) (local i32 i32)\n"
                + statements(40, 1)
                + "(local.set 2 (local.get 0))\n"
                + "(loop $l\n" + statements(24, 5)
                + "(br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))\n"
                + statements(40, 9)
                + "(local.get 1)))");
    }

    /** Module offsets where a chunk of {@code cc} starts by a cut, not at a loop header or a block's end. */
    private static List<Integer> cuts(CompiledClass cc) {
        List<Integer> cuts = new ArrayList<>();
        for (int id : cc.entryIds()) {
            if ((id & 7) == EntryIds.AT) {
                cuts.add(EntryIds.moduleOffset(id));
            }
        }
        return cuts;
    }

    @Test
    void aLoopThatFitsTheLoopBudgetKeepsOneChunkWhileStraightCodeIsCut() {
        byte[] wasm = module();
        WasmModule m = Wasm.load(wasm);
        ModuleContext ctx = new ModuleContext(m);
        LoopExtents loops = new LoopExtents();
        new FunctionValidator(ctx, loops).validate(0, m.body(0));
        int found = -1;
        for (int off = m.body(0).bodyOffset(); off < m.body(0).endOffset() && found < 0; off++) {
            if (loops.length(off) > 0) {
                found = off;
            }
        }
        int loopOffset = found;
        int loopEnd = loopOffset + loops.length(loopOffset);
        assertTrue(loopOffset > 0, "no loop found");

        CompiledClass kept = JvmCompiler.compile(ctx, 0, BUDGET, LOOP_BUDGET, "dev/trapdoor/engine/exec/Jit$W",
                false, false, 0);
        List<Integer> keptCuts = cuts(kept);
        assertTrue(keptCuts.stream().noneMatch(o -> o > loopOffset && o < loopEnd),
                "cuts inside the loop [" + loopOffset + ", " + loopEnd + "): " + keptCuts);
        assertTrue(keptCuts.stream().filter(o -> o < loopOffset).count() >= 2,
                "straight code before the loop cut at the small budget: " + keptCuts);
        assertTrue(keptCuts.stream().filter(o -> o >= loopEnd).count() >= 2,
                "straight code after the loop cut at the small budget: " + keptCuts);
        for (int size : kept.chunkSizes()) {
            assertTrue(size <= ChunkBudget.C2_LIMIT, "a chunk of " + size + " bytes");
        }

        CompiledClass cut = JvmCompiler.compile(ctx, 0, BUDGET, 0, "dev/trapdoor/engine/exec/Jit$W", false, false, 0);
        assertFalse(cuts(cut).stream().noneMatch(o -> o > loopOffset && o < loopEnd),
                "with no loop budget the loop is cut: " + cuts(cut));

        long[] expected = new Store().instantiate(m, ImportResolver.NONE).invoke("f", 3000);
        int saved = WholeLoops.loopBudget;
        try {
            for (int loopBudget : new int[]{LOOP_BUDGET, 0}) {
                WholeLoops.loopBudget = loopBudget;
                Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(BUDGET));
                assertArrayEquals(expected, store.instantiate(Wasm.load(wasm), ImportResolver.NONE)
                        .invoke("f", 3000));
            }
        } finally {
            WholeLoops.loopBudget = saved;
        }
    }
}
