package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link LoopExtents} measures each loop from its {@code loop} to its own {@code end}, whatever blocks it holds. */
class LoopExtentsTest {
    private static final String WAT = """
            (module
              (tag $e)
              (func (export "tt") (param $n i32) (result i32)
                (loop $outer
                  (try_table (catch_all 0)
                    (loop $inner
                      (br_if $inner (i32.eqz (local.get $n)))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $outer (local.get $n)))
                (local.get $n))
              (func (export "legacy") (param $n i32) (result i32)
                (loop $outer
                  (block $b
                    (try
                      (do (try (do (local.set $n (i32.add (local.get $n) (i32.const 2)))) (delegate 0)))
                      (catch_all)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $outer (local.get $n)))
                (local.get $n)))""";

    @Test
    void tryBlocksInsideALoopDoNotEndIt() {
        WasmModule module = Wasm.load(Wat.compile("loops.wat", WAT).binary());
        ModuleContext ctx = new ModuleContext(module);
        for (int func = 0; func < 2; func++) {
            LoopExtents extents = new LoopExtents();
            // The loops' true extents, from the validator's own control stack: every block kind pushes, end pops.
            Deque<int[]> open = new ArrayDeque<>();
            Map<Integer, Integer> expected = new LinkedHashMap<>();
            new FunctionValidator(ctx, (op, moduleOffset, v) -> {
                extents.instruction(op, moduleOffset, v);
                switch (op) {
                    case 0x02, 0x03, 0x04, 0x06, 0x1F -> open.push(new int[]{op, moduleOffset});
                    case 0x18 -> open.pop();
                    case 0x0B -> {
                        int[] c = open.poll();
                        if (c != null && c[0] == 0x03) {
                            expected.put(c[1], moduleOffset + 1 - c[1]);
                        }
                    }
                    default -> {
                    }
                }
            }).validate(func, module.body(func));
            assertFalse(expected.isEmpty());
            expected.forEach((loop, length) -> assertEquals(length, extents.length(loop),
                    "loop at 0x" + Integer.toHexString(loop)));
        }
    }
}
