package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.Breakpoint;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Debugger#breakpointOffset} answers where a breakpoint asked for at an offset goes, as adding one and reading
 * its offset does, at every offset of every body, in the optimized and in the exact translation, in every tier; and
 * it places nothing: no breakpoint, no pin (compiled code stays).
 */
class BreakpointOffsetTest {
    /** Folded and code-less instructions (block, loop, a local.get folded into its add) for breakpoints to slip past. */
    private static final String MODULE = """
            (module
              (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "sum") (param $n i32) (result i64)
                (local $i i32) (local $acc i64)
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
                    (local.set $i (call $inc (local.get $i)))
                    (br $l)))
                (local.get $acc)))""";

    private static Instance instance(Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(Wasm.load(Wabt.wat(MODULE)),
                ImportResolver.NONE);
    }

    @Test
    void answersWhereAnAddedBreakpointGoesAtEveryOffsetInEveryTier() {
        for (Tier tier : Tier.values()) {
            for (boolean exact : new boolean[] {false, true}) {
                Instance asked = instance(tier);
                Instance probed = instance(tier);
                WasmModule module = asked.module;
                if (exact) {
                    for (int f = 0; f < module.bodies().size(); f++) {
                        asked.store().debugger().translateExactly(asked, module.importedFunctionCount() + f);
                        probed.store().debugger().translateExactly(probed, module.importedFunctionCount() + f);
                    }
                }
                int checked = 0;
                for (FunctionBody body : module.bodies()) {
                    for (int offset = body.entryOffset(); offset < body.endOffset(); offset++) {
                        Breakpoint bp = probed.store().debugger().addBreakpoint(probed, offset);
                        probed.store().debugger().removeBreakpoint(bp);
                        assertEquals(bp.moduleOffset(), asked.store().debugger().breakpointOffset(asked, offset),
                                tier + (exact ? " exact" : "") + " at 0x" + Integer.toHexString(offset));
                        checked++;
                    }
                }
                assertTrue(checked > 40, "offsets checked: " + checked);
                assertEquals(List.of(), asked.store().debugger().breakpoints());
                assertEquals(4950L, asked.invoke("sum", 100)[0]);
            }
        }
    }

    @Test
    void anOffsetOutsideEveryBodyIsRefusedAsAddBreakpointRefusesIt() {
        Instance instance = instance(Tier.INTERPRETER);
        Debugger debugger = instance.store().debugger();
        assertThrows(IllegalArgumentException.class, () -> debugger.addBreakpoint(instance, 0));
        assertThrows(IllegalArgumentException.class, () -> debugger.breakpointOffset(instance, 0));
        int end = instance.module.bodies().get(instance.module.bodies().size() - 1).endOffset();
        assertThrows(IllegalArgumentException.class, () -> debugger.breakpointOffset(instance, end));
    }

    @Test
    void askingLeavesCompiledCodeInPlace() {
        Instance instance = instance(Tier.COMPILED);
        FunctionInstance sum = instance.function("sum");
        assertNotNull(sum.jit, "sum runs compiled");
        FunctionBody body = instance.module.bodies().get(sum.funcIndex - instance.module.importedFunctionCount());
        instance.store().debugger().breakpointOffset(instance, body.bodyOffset() + 4);
        assertNotNull(sum.jit, "a question pins nothing: sum still runs compiled");
        assertEquals(4950L, instance.invoke("sum", 100)[0]);
    }
}
