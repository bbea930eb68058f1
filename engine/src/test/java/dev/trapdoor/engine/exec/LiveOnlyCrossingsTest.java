package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunk crossings that move only live locals leave stale values in dead ones: fine with no one looking, but a
 * debugger must see what the interpreter would, so creating one recompiles such code moving every local.
 */
class LiveOnlyCrossingsTest {
    private static final String WAT = """
            (module
              (func (export "run") (param $n i32) (result i32) (local $acc i32) (local $t i32)
                (loop $l
                  (local.set $t (i32.mul (local.get $n) (i32.const 3)))
                  (local.set $acc (i32.add (local.get $acc) (i32.rem_u (local.get $t) (i32.const 7))))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $acc)))""";

    @Test
    void aDebuggerGetsCodeThatMovesEveryLocal() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(96));
        Instance inst = store.instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);
        FunctionInstance run = inst.function("run");
        assertNotNull(run.jit);
        assertTrue(run.jitContext.liveOnly, "a function of several chunks with no debugger moves live locals only");
        long[] before = inst.invoke("run", 1000);

        store.debugger();
        assertNotNull(run.jit, "compiled again at once in the compiled tier");
        assertFalse(run.jitContext.liveOnly);
        assertArrayEquals(before, inst.invoke("run", 1000));
    }
}
