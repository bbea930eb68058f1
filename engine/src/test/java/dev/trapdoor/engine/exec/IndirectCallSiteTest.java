package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Compiled {@code call_indirect} caches its callees: the cache must follow the table (elements replaced, the table
 * grown), keep every trap of the full check, and stay right past the number of callees it holds.
 */
class IndirectCallSiteTest {
    private static final String WAT = """
            (module
              (type $un (func (param i32) (result i32)))
              (type $bin (func (param i32 i32) (result i32)))
              (table $t 8 funcref)
              (elem (i32.const 0) $inc $dbl $neg $sq $half $add)
              (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))
              (func $dbl (type $un) (i32.mul (local.get 0) (i32.const 2)))
              (func $neg (type $un) (i32.sub (i32.const 0) (local.get 0)))
              (func $sq (type $un) (i32.mul (local.get 0) (local.get 0)))
              (func $half (type $un) (i32.shr_s (local.get 0) (i32.const 1)))
              (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
              ;; Sums f_i(x) over elements i = k mod m, for k in [0, n): one call site, several callees.
              (func (export "run") (param $n i32) (param $m i32) (param $x i32) (result i32) (local $k i32) (local $s i32)
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
                    (local.set $s (i32.add (local.get $s)
                      (call_indirect (type $un) (local.get $x) (i32.rem_u (local.get $k) (local.get $m)))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $l)))
                (local.get $s))
              (func (export "call") (param $i i32) (param $x i32) (result i32)
                (call_indirect (type $un) (local.get $x) (local.get $i)))
              (func (export "swap") (param $i i32) (param $j i32)
                (local $f funcref)
                (local.set $f (table.get $t (local.get $i)))
                (table.set $t (local.get $i) (table.get $t (local.get $j)))
                (table.set $t (local.get $j) (local.get $f)))
              (func (export "grow") (result i32) (table.grow $t (table.get $t (i32.const 0)) (i32.const 4))))
            """;

    private static Instance instantiate(Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(Wasm.load(Wabt.wat(WAT)),
                ImportResolver.NONE);
    }

    /** Runs the same script on both tiers and compares every answer and trap. */
    private static String script(Instance inst) {
        StringBuilder out = new StringBuilder();
        java.util.function.Consumer<Runnable> step = r -> {
            try {
                r.run();
            } catch (Trap t) {
                out.append("trap ").append(t.kind()).append('\n');
            }
        };
        for (int round = 0; round < 3; round++) {
            // More callees than the cache holds (five of one type), then a cached callee moved away.
            step.accept(() -> out.append(inst.invoke("run", 2000, 5, 7)[0]).append('\n'));
            step.accept(() -> inst.invoke("swap", 0, 3));
            step.accept(() -> out.append(inst.invoke("call", 0, 7)[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("run", 100, 2, 9)[0]).append('\n'));
            // A cached element now holding another type; an uninitialized and an out-of-range element.
            step.accept(() -> inst.invoke("swap", 1, 5));
            step.accept(() -> out.append(inst.invoke("call", 1, 7)[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("call", 6, 7)[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("call", 100, 7)[0]).append('\n'));
            step.accept(() -> inst.invoke("swap", 1, 5));
            step.accept(() -> out.append(inst.invoke("grow")[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("call", 9, 7)[0]).append('\n'));
        }
        return out.toString();
    }

    @Test
    void compiledCallsAnswerAsTheInterpreterDoes() {
        String interpreted = script(instantiate(Tier.INTERPRETER));
        String compiled = script(instantiate(Tier.COMPILED));
        assertEquals(interpreted, compiled);
        // The script did reach the traps it is meant to check.
        assertEquals(3, interpreted.split("trap INDIRECT_CALL_TYPE_MISMATCH", -1).length - 1);
        assertEquals(3, interpreted.split("trap UNINITIALIZED_ELEMENT", -1).length - 1);
        assertEquals(3, interpreted.split("trap UNDEFINED_ELEMENT", -1).length - 1);
    }

    @Test
    void aCachedCalleeFollowsTheTable() {
        Instance inst = instantiate(Tier.COMPILED);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(new long[]{8}, inst.invoke("call", 0, 7));
        }
        inst.invoke("swap", 0, 1);
        assertArrayEquals(new long[]{14}, inst.invoke("call", 0, 7));
        inst.invoke("swap", 0, 5);
        Trap t = assertThrows(Trap.class, () -> inst.invoke("call", 0, 7));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, t.kind());
    }
}
