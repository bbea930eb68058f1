package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.FreshJvm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accesses' lengths as {@code Math.max(size - k, 0)} ({@code AccessLimits}, off unless
 * {@code -Dtrapdoor.jit.nonNegativeLimits=true}): every width, with and without a static offset, reads what the
 * interpreter reads up to memory's last byte and traps as it does past it, also in a memory of no pages (where every
 * {@code size - k} is negative) and after {@code memory.grow} from there. The same checks run in a JVM with the switch
 * on.
 */
class AccessLimitsTest {
    /**
     * {@code ld(a)} folds a load of each width at {@code a} and at {@code a + 1} (a static offset, the two-check
     * shape) into one i64; {@code st(a, v)} stores v with each width at {@code a}; {@code grow()} adds a page.
     */
    private static String module(int pages) {
        return """
                (module
                  (memory %d)
                  (func (export "ld") (param $a i32) (result i64)
                    (local $r i64)
                    (local.set $r (i64.load8_u (local.get $a)))
                    (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load16_s (local.get $a))))
                    (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load32_u (local.get $a))))
                    (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load (local.get $a))))
                    (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                      (i64.load8_s offset=1 (local.get $a))))
                    (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                      (i64.load16_u offset=1 (local.get $a))))
                    (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                      (i64.extend_i32_u (i32.load offset=1 (local.get $a)))))
                    (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load offset=1 (local.get $a))))
                  (func (export "st") (param $a i32) (param $v i64)
                    (i64.store8 (local.get $a) (local.get $v))
                    (i32.store16 (local.get $a) (i32.wrap_i64 (local.get $v)))
                    (i32.store (local.get $a) (i32.wrap_i64 (local.get $v)))
                    (i64.store (local.get $a) (local.get $v))
                    (i64.store offset=1 (local.get $a) (local.get $v)))
                  (func (export "grow") (result i32) (memory.grow (i32.const 1))))""".formatted(pages);
    }

    private static Instance instance(int pages, Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(Wasm.load(Wabt.wat(module(pages))),
                ImportResolver.NONE);
    }

    /** Every address near the ends of a memory of {@code pages} (and after one grow), both tiers, results and traps. */
    static void checkParity(int pages) {
        Instance interpreted = instance(pages, Tier.INTERPRETER);
        Instance compiled = instance(pages, Tier.COMPILED);
        for (int round = 0; round < 2; round++) {
            int size = (pages + round) * 65536;
            int[] addresses = {0, 1, 7, size - 16, size - 10, size - 9, size - 8, size - 5, size - 4, size - 2,
                    size - 1, size, size + 1, -1, -8, Integer.MIN_VALUE, Integer.MAX_VALUE};
            for (int a : addresses) {
                for (String f : new String[]{"st", "ld"}) {
                    long[] args = f.equals("st") ? new long[]{a, 0x8182_8384_8586_8788L} : new long[]{a};
                    long[] expected;
                    try {
                        expected = interpreted.invoke(f, args);
                    } catch (Trap t) {
                        assertSameTrap(t, assertThrows(Trap.class, () -> compiled.invoke(f, args), f + " " + a));
                        continue;
                    }
                    assertArrayEquals(expected, compiled.invoke(f, args), f + " " + a);
                }
            }
            if (size > 0) {
                assertArrayEquals(interpreted.memory().read(0, size), compiled.memory().read(0, size), "memory");
            }
            assertArrayEquals(interpreted.invoke("grow"), compiled.invoke("grow"), "grow");
        }
    }

    @Test
    void everyWidthAtTheEndsOfMemoryAsInTheInterpreter() {
        checkParity(1);
    }

    @Test
    void aMemoryOfNoPagesTrapsEveryAccessAsInTheInterpreterUntilItGrows() {
        checkParity(0);
    }

    @Test
    void theSameWithTheSwitchOn() throws IOException, InterruptedException {
        String out = FreshJvm.run(On.class, "-Dtrapdoor.jit.nonNegativeLimits=true");
        assertTrue(out.contains("on: parity, 12 lengths from Math.max"), out);
    }

    @Test
    void eachInlineAccessTakesItsLengthFromMathMaxOnlyWhenSwitchedOn() throws IOException {
        // 8 loads: one check each without an offset, two each with one (one with the older shape).
        int checks = MemoryOps.SMEARED ? 12 : 8;
        assertEquals(checks, calls("Objects.checkIndex"));
        assertEquals(AccessLimits.ON ? checks : 0, mathMaxCalls());
    }

    private static int mathMaxCalls() throws IOException {
        return calls("Math.max");
    }

    /** How often {@code ld}'s compiled {@code c0} calls {@code target}. */
    private static int calls(String target) throws IOException {
        WasmModule module = Wasm.load(Wabt.wat(module(1)));
        byte[] bytes = JvmCompiler.compile(new ModuleContext(module), 0, 7600, "dev/trapdoor/engine/exec/Jit$L", false,
                true).classes()[0];
        return ClassFiles.countCalls(new ByteArrayInputStream(bytes), "c0", target);
    }

    /** {@link #checkParity} and the count in a JVM of its own, where the switch can be on. */
    public static final class On {
        public static void main(String[] args) throws IOException {
            if (!AccessLimits.ON) {
                throw new IllegalStateException("switch off: " + Arrays.toString(args));
            }
            checkParity(1);
            checkParity(0);
            System.out.println("on: parity, " + mathMaxCalls() + " lengths from Math.max");
        }
    }
}
