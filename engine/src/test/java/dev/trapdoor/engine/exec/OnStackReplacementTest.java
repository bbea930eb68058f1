package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A function called once whose loop runs long (a C {@code main}) gets compiled while it loops, and its frame moves
 * from the interpreter into the compiled code at a loop header: the result, and a trap's frames, are the same as
 * interpreting it to the end.
 */
class OnStackReplacementTest {
    /** Sums i * (i xor 3) for i < n in nested loops, then calls a helper that traps when {@code trap} is set. */
    private static final String MAIN = """
            (module
              (memory 1)
              (func $check (param i32) (if (local.get 0) (then (unreachable))))
              (func (export "main") (param $n i32) (param $trap i32) (result i64)
                (local $i i32) (local $j i32) (local $sum i64)
                (loop $outer
                  (local.set $j (i32.const 0))
                  (loop $inner
                    (local.set $sum (i64.add (local.get $sum)
                      (i64.extend_i32_u (i32.mul (local.get $i) (i32.xor (local.get $j) (i32.const 3))))))
                    (i32.store (i32.const 16) (local.get $j))
                    (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 1000))))
                  (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (call $check (local.get $trap))
                (local.get $sum)))""";

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MAIN)), ImportResolver.NONE);
    }

    @Test
    void aLongLoopMovesIntoCompiledCode() {
        long[] expected = instantiate(EngineConfig.DEFAULT).invoke("main", 20_000, 0);
        Instance tiered = instantiate(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(1_000_000));
        assertArrayEquals(expected, tiered.invoke("main", 20_000, 0));
        assertNotNull(tiered.function("main").jit, "main looped for a long time but was never compiled");
    }

    @Test
    void aTrapAfterTheMoveListsTheSameFrames() {
        Trap interpreted = assertThrows(Trap.class,
                () -> instantiate(EngineConfig.DEFAULT).invoke("main", 20_000, 1));
        Instance tiered = instantiate(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(1_000_000));
        Trap t = assertThrows(Trap.class, () -> tiered.invoke("main", 20_000, 1));
        assertNotNull(tiered.function("main").jit);
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals(interpreted.stack(), t.stack());
        assertEquals(interpreted.moduleOffset(), t.moduleOffset());
    }

    /**
     * After the move, main's compiled code calls a function the compiler declines (a tail call), whose interpreter
     * run polls too; main's interpreted caller must still see main return (the poll once resumed main at the nested
     * run's last poll position: Lua's interpreter trapped "unreachable" in the tiered mode).
     */
    private static final String NESTED = """
            (module
              (func $spin (param i32) (result i32)
                (if (result i32) (local.get 0)
                  (then (return_call $spin (i32.sub (local.get 0) (i32.const 1))))
                  (else (i32.const 7))))
              (func $main (param $n i32) (result i64) (local $i i32) (local $j i32) (local $sum i64)
                (loop $outer
                  (local.set $j (i32.const 0))
                  (loop $inner
                    (local.set $sum (i64.add (local.get $sum)
                      (i64.extend_i32_u (i32.mul (local.get $i) (i32.xor (local.get $j) (i32.const 3))))))
                    (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 1000))))
                  (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (i64.add (local.get $sum) (i64.extend_i32_u (call $spin (i32.const 2000000)))))
              (func (export "run") (param i32) (result i64)
                (i64.add (call $main (local.get 0)) (i64.const 1))))""";

    @Test
    void theInterpretedCallerSeesTheMovedFrameReturnAfterNestedPolls() {
        byte[] wasm = dev.trapdoor.engine.text.Wat.compile("nested.wat", NESTED).binary();
        long[] expected = new Store(EngineConfig.DEFAULT).instantiate(Wasm.load(wasm), ImportResolver.NONE)
                .invoke("run", 20_000);
        Instance tiered = new Store(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(1_000_000))
                .instantiate(Wasm.load(wasm), ImportResolver.NONE);
        assertArrayEquals(expected, tiered.invoke("run", 20_000));
        assertNotNull(tiered.functions[1].jit, "main looped for a long time but was never compiled");
    }
}
