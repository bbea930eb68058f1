package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function that pushes thousands of operands (a generated table of constants, {@code array.new_fixed}'s operands):
 * its translation stays linear in size (deep pushes are not aliased, so no instruction's mark records thousands of
 * aliases and pools their constants again), and a debugger still sees every operand.
 */
class DeepOperandStackTest {
    private static final int N = 6_000;

    private static byte[] module() {
        StringBuilder wat = new StringBuilder("(module (func (export \"sum\") (param $x i32) (result i32)\n");
        for (int k = 1; k <= N; k++) {
            wat.append(k % 3 == 0 ? "local.get $x\n" : "i32.const " + k + "\n");
        }
        wat.append("i32.add\n".repeat(N - 1)).append("))");
        return Wabt.wat(wat.toString());
    }

    private static long expected(int x) {
        long sum = 0;
        for (int k = 1; k <= N; k++) {
            sum += k % 3 == 0 ? x : k;
        }
        return (int) sum;
    }

    @Test
    void aDeepStackTranslatesLinearlyAndSumsRight() {
        for (Tier tier : Tier.values()) {
            Instance instance = new Store(EngineConfig.DEFAULT.withTier(tier))
                    .instantiate(Wasm.load(module()), ImportResolver.NONE);
            assertEquals(expected(7), instance.invoke("sum", 7)[0], tier.toString());
        }
        Instance instance = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER))
                .instantiate(Wasm.load(module()), ImportResolver.NONE);
        instance.invoke("sum", 1);
        CompiledFunction code = instance.functions[0].code;
        assertTrue(code.pooledConstants() < 10 * N, "constants pooled: " + code.pooledConstants());
        long aliases = 0;
        for (int m = 0; m < code.markCount(); m++) {
            int[] mark = code.markAliases(m);
            aliases += mark == null ? 0 : mark.length;
        }
        assertTrue(aliases < 100L * N, "alias entries kept for the debugger: " + aliases);
    }

    @Test
    void aStopInTheDeepPartShowsEveryOperand() {
        byte[] wasm = module();
        Instance instance = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER))
                .instantiate(Wasm.load(wasm), ImportResolver.NONE);
        Debugger debugger = instance.store().debugger();
        debugger.setEntryEvents(false);
        // The first add: every operand pushed, none consumed yet.
        debugger.addBreakpoint(instance, Wabt.offsetOf(wasm, 0, "i32.add", 0));
        List<long[]> stacks = new ArrayList<>();
        debugger.setHandler((event, frames) -> {
            var top = frames.get(0);
            long[] stack = new long[top.stackHeight()];
            for (int i = 0; i < stack.length; i++) {
                stack[i] = top.stack(i);
            }
            stacks.add(stack);
            return Resume.CONTINUE;
        });
        assertEquals(expected(5), instance.invoke("sum", 5)[0]);
        assertEquals(1, stacks.size());
        long[] stack = stacks.get(0);
        assertEquals(N, stack.length);
        for (int k = 1; k <= N; k++) {
            assertEquals(k % 3 == 0 ? 5 : k, stack[k - 1], "operand " + (k - 1));
        }
    }
}
