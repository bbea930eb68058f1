package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A debugger that only waits for traps keeps the compiled code, and a trap in compiled code shows it the same
 * frames, with the same locals and operand values, as the interpreter does.
 */
class TrapUnderIdleDebuggerTest {
    /** outer keeps values on its operand stack across the call; leaf divides by its parameter. */
    private static final String MODULE = """
            (module
              (func $leaf (param $d i32) (result i32)
                (local $t i32)
                (local.set $t (i32.mul (local.get $d) (i32.const 3)))
                (i32.add (i32.const 1000) (i32.div_s (local.get $t) (local.get $d))))
              (func $mid (param $x i32) (param $y i32) (result i32)
                (local $k i64)
                (local.set $k (i64.const -5))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (i32.mul (local.get $x) (call $leaf (local.get $y))))
              (func (export "outer") (param $a i32) (result i32)
                (local $f f64)
                (local.set $f (f64.const 2.5))
                (i32.sub (i32.add (local.get $a) (i32.const 7))
                         (call $mid (i32.const 40) (local.get $a)))))""";

    private record Run(List<SeenFrame> frames, Trap trap, boolean compiled) {
    }

    private static Run run(EngineConfig config) {
        Store store = new Store(config);
        Instance instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<SeenFrame> seen = SeenFrame.atTraps(store.debugger());
        FunctionInstance outer = instance.function("outer");
        // 5 + 7 - 41 * (1000 + 15 / 5)
        assertEquals(-41111L, (int) outer.call(5)[0]);
        Trap trap = assertThrows(Trap.class, () -> outer.call(0));
        return new Run(seen, trap, outer.jit != null);
    }

    @Test
    void compiledFramesShowTheInterpretersValues() {
        Run interpreted = run(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Run compiled = run(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertTrue(compiled.compiled(), "the idle debugger dropped the compiled code");
        assertEquals(3, interpreted.frames().size(), interpreted.frames().toString());
        assertEquals(interpreted.frames(), compiled.frames());
        assertSameTrap(interpreted.trap(), compiled.trap());
        SeenFrame leaf = compiled.frames().get(0);
        assertEquals(List.of(0L, 0L), leaf.locals());
        assertEquals(List.of(1000L, 0L, 0L), leaf.operands());
        SeenFrame mid = compiled.frames().get(1);
        assertEquals(List.of(41L, 0L, -5L), mid.locals());
        SeenFrame outer = compiled.frames().get(2);
        assertEquals(List.of(0L, Double.doubleToRawLongBits(2.5)), outer.locals());
        assertEquals(List.of(7L, 40L, 0L), outer.operands());
    }

    @Test
    void tinyChunksShowTheSameFrames() {
        Run interpreted = run(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Run chunked = run(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64));
        assertEquals(interpreted.frames(), chunked.frames());
        assertSameTrap(interpreted.trap(), chunked.trap());
    }
}
