package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled tier holds i32 parameters and declared i32 locals in JVM {@code int} locals, and every other slot in
 * a {@code long}. The values cross between the two forms at chunk entries and exits, typed calls (an i32 argument
 * arrives as a {@code long}), pending copies, {@code select}, the extensions to i64 and trap copies: each of those
 * must give what the interpreter gives, sign-extended, and a debugger at a trap must see the interpreter's locals and
 * operands, whether the trap is inside the loop, in a typed callee, or in chunks cut every few instructions. The
 * callees assign their arguments, so their typed entries move those into int locals.
 */
class IntLocalsTest {
    private static final String MODULE = """
            (module
              (func $leaf (export "leaf") (param $d i32) (param $m i32) (result i32)
                (local $t i32)
                ;; Not when it traps: a caller's frame then shows the callee's new value as its operand (a known
                ;; difference between the tiers for an assigned argument, older than int locals).
                (if (local.get $d) (then (local.set $m (i32.xor (local.get $m) (i32.const 0x55555555)))))
                (local.set $t (i32.sub (i32.const 0) (local.get $m)))
                (i32.div_s (local.get $t) (local.get $d)))
              (func $loop (export "loop") (param $n i32) (param $d i32) (result i32)
                (local $i i32) (local $acc i32) (local $w i64) (local $u i32)
                (local.set $u (i32.const -2147483647))
                (local.set $d (i32.add (local.get $d) (i32.const 0)))
                (block (loop
                  (br_if 1 (i32.ge_s (local.get $i) (local.get $n)))
                  (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const -1640531535))))
                  (local.set $w (i64.add (local.get $w) (i64.extend_i32_u (local.get $acc))))
                  (local.set $w (i64.add (local.get $w) (i64.extend_i32_s (local.get $u))))
                  (local.set $u (select (local.get $acc) (local.get $u) (i32.and (local.get $i) (i32.const 1))))
                  (drop (i32.div_s (local.get $acc) (i32.sub (local.get $d) (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br 0)))
                (i32.add (i32.wrap_i64 (i64.shr_u (local.get $w) (i64.const 7)))
                         (call $leaf (i32.sub (local.get $d) (local.get $n)) (local.tee $u (local.get $acc)))))
              (func (export "run") (param $n i32) (param $d i32) (result i32)
                (i32.xor (i32.const -1) (call $loop (local.get $n) (local.get $d)))))""";

    private record Run(List<Long> results, List<List<SeenFrame>> frames, List<Trap> traps) {
    }

    private static Run run(EngineConfig config) {
        Store store = new Store(config);
        Instance instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<SeenFrame> seen = SeenFrame.atTraps(store.debugger());
        FunctionInstance run = instance.function("run");
        List<Long> results = new ArrayList<>();
        for (int n : new int[]{0, 1, 2, 3, 50, 1000}) {
            results.add(run.call(n, 5000)[0]);
            results.add(instance.function("loop").call(n, -3)[0]);
        }
        List<List<SeenFrame>> frames = new ArrayList<>();
        List<Trap> traps = new ArrayList<>();
        // In the loop at i = 700, then in the typed callee (its divisor d - n is 0).
        for (int d : new int[]{700, 1000}) {
            seen.clear();
            traps.add(assertThrows(Trap.class, () -> run.call(1000, d)));
            frames.add(List.copyOf(seen));
        }
        if (config.tier() == Tier.COMPILED) {
            for (String f : new String[]{"run", "loop", "leaf"}) {
                assertNotNull(instance.function(f).jit, f + " did not compile");
            }
        }
        return new Run(results, frames, traps);
    }

    @Test
    void compiledCodeGivesTheInterpretersValuesAndFrames() {
        Run interpreted = run(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Run compiled = run(config);
            assertEquals(interpreted.results(), compiled.results(), config.toString());
            assertEquals(interpreted.frames(), compiled.frames(), config.toString());
            for (int i = 0; i < interpreted.traps().size(); i++) {
                assertSameTrap(interpreted.traps().get(i), compiled.traps().get(i));
            }
        }
    }

    @Test
    void trappedFramesHoldSignExtendedI32s() {
        Run interpreted = run(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        List<SeenFrame> inLoop = interpreted.frames().get(0);
        assertEquals(2, inLoop.size(), inLoop.toString());
        List<Long> locals = inLoop.get(0).locals();
        // n, d, i, acc, w, u: acc is negative here, so a zero-extended copy would differ in the high half.
        assertEquals(List.of(1000L, 700L, 700L), locals.subList(0, 3));
        assertTrue(locals.get(3) < 0 && locals.get(3) >= Integer.MIN_VALUE, "acc " + locals.get(3));
        List<SeenFrame> inLeaf = interpreted.frames().get(1);
        assertEquals(3, inLeaf.size(), inLeaf.toString());
        long m = inLeaf.get(0).locals().get(1);
        assertEquals(List.of(0L, m, (long) -(int) m), inLeaf.get(0).locals());
    }
}
