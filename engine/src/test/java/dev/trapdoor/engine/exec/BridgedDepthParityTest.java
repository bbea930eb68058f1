package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Interpreted frames below compiled ones: an interpreted caller of a compiled recursion (the caller holds a GC
 * reference and a v128, which the compiler declines), and a compiled frame that caught a Wasm exception and runs the
 * rest of its activation in the interpreter ({@code JitExceptions.catchHere}). A recursion from either must exhaust
 * the call stack at the interpreter's call: the same depth, slots and frames. It went one frame deeper, because the
 * interpreter does not save a frame that calls out to compiled code.
 */
class BridgedDepthParityTest {
    private static final String MODULE = """
            (module
              (tag $oops (param i32))
              (func $thrower (param $n i32) (result i32)
                (if (i32.eqz (local.get $n)) (then (throw $oops (i32.const 77))))
                (i32.add (i32.const 1) (call $thrower (i32.sub (local.get $n) (i32.const 1)))))
              (func $down (param $n i32) (param $k i64) (result i32)
                (local $a i32) (local $b i64)
                (if (result i32) (i32.eqz (local.get $n))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1)
                          (call $down (i32.sub (local.get $n) (i32.const 1)) (local.get $k))))))
              (func (export "interpretedCaller") (param $n i32) (result i32)
                (local $v v128) (local $r anyref)
                (call $down (local.get $n) (i64.const 9)))
              (func (export "caughtThenDeep") (param $n i32) (result i32)
                (drop (block $h (result i32)
                  (try_table (result i32) (catch $oops $h)
                    (call $thrower (i32.const 5)))))
                (call $down (local.get $n) (i64.const 9)))
            )""";

    private static final EngineConfig SMALL = new EngineConfig(300, 1 << 16, false);

    private static Trap exhaust(EngineConfig config, String export) {
        Store store = new Store(config);
        Instance inst = store.instantiate(Wasm.load(Wat.compile("bridged.wat", MODULE).binary()),
                ImportResolver.NONE);
        assertEquals(50, (int) inst.invoke(export, 50)[0]);
        return assertThrows(Trap.class, () -> inst.invoke(export, 400));
    }

    private static void assertSameEverywhere(String export) {
        Trap interpreted = exhaust(SMALL, export);
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, interpreted.kind());
        assertEquals(300, ((TrapDetail.StackExhausted) interpreted.detail()).depth());
        assertEquals(301, interpreted.stack().size(), "the caller and 300 recursions");
        assertSameTrap(interpreted, exhaust(SMALL.withTier(Tier.COMPILED), export));
        assertSameTrap(interpreted, exhaust(SMALL.withTier(Tier.COMPILED).withChunkBudget(64), export));
    }

    @Test
    void anInterpretedCallerOfACompiledRecursionExhaustsAtTheInterpretersCall() {
        assertSameEverywhere("interpretedCaller");
    }

    @Test
    void aRecursionAfterACompiledCatchExhaustsAtTheInterpretersCall() {
        assertSameEverywhere("caughtThenDeep");
    }
}
