package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compiled {@code call_indirect} picks its cached callee by the element's slot ({@link IndirectSlots}): many
 * elements sharing a few callees, elements past {@link IndirectSlots#MAX_ELEMENT}, more elements than the site relinks
 * for, and elements rewritten after they were learned must all answer as the interpreter does.
 */
class IndirectSwitchTest {
    private static final String WAT = """
            (module
              (type $un (func (param i32) (result i32)))
              (type $bin (func (param i32 i32) (result i32)))
              (table $t 5000 funcref)
              (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))
              (func $dbl (type $un) (i32.mul (local.get 0) (i32.const 2)))
              (func $neg (type $un) (i32.sub (i32.const 0) (local.get 0)))
              (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
              (elem declare func $inc $dbl $neg $add)
              ;; Element i holds $inc, $dbl or $neg by i mod 3, except every 97th element, left null.
              (func (export "fill") (local $i i32)
                (loop $l
                  (if (i32.rem_u (local.get $i) (i32.const 97))
                    (then (table.set $t (local.get $i)
                      (select (result funcref) (ref.func $inc)
                        (select (result funcref) (ref.func $dbl) (ref.func $neg) (i32.eq (i32.rem_u (local.get $i) (i32.const 3)) (i32.const 1)))
                        (i32.eqz (i32.rem_u (local.get $i) (i32.const 3)))))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (table.size $t)))))
              ;; Sums f_e(x) over elements e = start + k * step, k in [0, n): one site, many elements.
              (func (export "run") (param $start i32) (param $step i32) (param $n i32) (param $x i32) (result i32)
                (local $k i32) (local $s i32)
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
                    (local.set $s (i32.add (local.get $s)
                      (call_indirect (type $un) (local.get $x)
                        (i32.add (local.get $start) (i32.mul (local.get $k) (local.get $step))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $l)))
                (local.get $s))
              (func (export "put") (param $i i32) (param $which i32)
                (table.set $t (local.get $i)
                  (select (result funcref) (ref.func $neg) (ref.func $inc) (local.get $which))))
              (func (export "putBin") (param $i i32) (table.set $t (local.get $i) (ref.func $add)))
              (func (export "clear") (param $i i32) (table.set $t (local.get $i) (ref.null func))))
            """;

    private static String script(Tier tier) {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(Wasm.load(Wabt.wat(WAT)),
                ImportResolver.NONE);
        StringBuilder out = new StringBuilder();
        java.util.function.Consumer<Runnable> step = r -> {
            try {
                r.run();
            } catch (Trap t) {
                out.append("trap ").append(t.kind()).append(' ').append(t.getMessage()).append('\n');
            }
        };
        step.accept(() -> inst.invoke("fill"));
        for (int round = 0; round < 4; round++) {
            // Few elements, learned; then 1,000 distinct ones (past the relinks), then some past MAX_ELEMENT.
            step.accept(() -> out.append(inst.invoke("run", 1, 1, 3000, 5)[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("run", 1, 1, 96, 7)[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("run", 4100, 1, 96, 7)[0]).append('\n'));
            // Learned elements rewritten: another callee of the type, one of another type, a null.
            step.accept(() -> inst.invoke("put", 1, 1));
            step.accept(() -> out.append(inst.invoke("run", 1, 1, 3, 9)[0]).append('\n'));
            step.accept(() -> inst.invoke("putBin", 2));
            step.accept(() -> out.append(inst.invoke("run", 1, 1, 3, 9)[0]).append('\n'));
            step.accept(() -> inst.invoke("clear", 3));
            step.accept(() -> out.append(inst.invoke("run", 3, 1, 1, 9)[0]).append('\n'));
            // Reaching the null element 97, and past the table's end.
            step.accept(() -> out.append(inst.invoke("run", 1, 1, 97, 7)[0]).append('\n'));
            step.accept(() -> out.append(inst.invoke("run", 4990, 1, 20, 7)[0]).append('\n'));
            step.accept(() -> inst.invoke("fill"));
        }
        return out.toString();
    }

    @Test
    void compiledSitesAnswerAsTheInterpreterDoes() {
        String interpreted = script(Tier.INTERPRETER);
        assertEquals(interpreted, script(Tier.COMPILED));
        assertTrue(interpreted.contains("INDIRECT_CALL_TYPE_MISMATCH"), interpreted);
        assertTrue(interpreted.contains("UNINITIALIZED_ELEMENT"), interpreted);
        assertTrue(interpreted.contains("UNDEFINED_ELEMENT"), interpreted);
    }

    @Test
    void slotsShareCalleesAndStopAtTheirLimits() {
        // The slots only hold the callees for the site's switch: none is needed to count them.
        FunctionInstance f = null;
        FunctionInstance g = null;
        IndirectSlots s = IndirectSlots.EMPTY.with(3, 10, f, 2);
        assertEquals(1, s.size());
        IndirectSlots shared = s.with(7, 10, f, 2);
        assertEquals(1, shared.size(), "a second element of the same callee takes no new slot");
        assertEquals(shared, shared.with(7, 10, f, 2), "nothing new: the same slots");
        IndirectSlots two = shared.with(8, 11, g, 2);
        assertEquals(2, two.size());
        assertEquals(null, two.with(9, 12, f, 2), "no room for a third callee");
        assertEquals(null, two.with(IndirectSlots.MAX_ELEMENT, 10, f, 2), "an element past the limit");
    }
}
