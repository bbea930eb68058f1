package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * i32 unsigned comparisons against a constant power of two, or one less ({@link UnsignedMaskTests}), unless
 * {@code -Dtrapdoor.jit.unsignedMaskTests=false}: as values, as an {@code if}'s condition and as a loop's back-edge
 * condition they give the interpreter's answers at and around every bound (constants that are no power of two, 0 and
 * -1 included, which keep the general form), and the bytecode has the shape the switch asks for; a loop's back-edge
 * keeps the general form.
 */
class UnsignedMaskTestsTest {
    private static final String[] OPS = {"lt_u", "gt_u", "le_u", "ge_u"};
    private static final int[] CONSTANTS = {0, 1, 2, 3, 4, 7, 8, 255, 256, 257, 0x3FFFFFFF, 0x40000000,
            Integer.MAX_VALUE, Integer.MIN_VALUE, -2, -1};

    private static String module() {
        StringBuilder wat = new StringBuilder("(module\n");
        wat.append("""
                  (func (export "valueFirst") (param $x i32) (result i32)
                    (i32.lt_u (local.get $x) (i32.const 2)))
                  (func (export "countDown") (param $x i32) (result i32) (local $n i32)
                    ;; fib-O2's loop: x -= 2 while x > 1 (unsigned; from 0 or 1 it wraps and runs 2^31 times)
                    (loop $top
                      (local.set $n (i32.add (local.get $n) (i32.const 1)))
                      (br_if $top (i32.gt_u (local.tee $x (i32.sub (local.get $x) (i32.const 2))) (i32.const 1))))
                    (local.get $n))
                """);
        for (String op : OPS) {
            for (int i = 0; i < CONSTANTS.length; i++) {
                String cmp = "(i32." + op + " (local.get $x) (i32.const " + CONSTANTS[i] + "))";
                wat.append("  (func (export \"v_").append(op).append('_').append(i)
                        .append("\") (param $x i32) (result i32) ").append(cmp).append(")\n");
                wat.append("  (func (export \"b_").append(op).append('_').append(i)
                        .append("\") (param $x i32) (result i32) (if (result i32) ").append(cmp)
                        .append(" (then (i32.const 7)) (else (i32.const 9))))\n");
            }
        }
        return wat.append(")").toString();
    }

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(module())), ImportResolver.NONE);
    }

    @Test
    void comparisonsGiveTheInterpretersAnswers() {
        Instance interpreted = instance(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance compiled = instance(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        int checked = 0;
        for (String op : OPS) {
            for (int i = 0; i < CONSTANTS.length; i++) {
                int c = CONSTANTS[i];
                for (int x : new int[]{0, 1, 2, 3, c - 1, c, c + 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                    for (String kind : new String[]{"v_", "b_"}) {
                        String name = kind + op + '_' + i;
                        long want = interpreted.function(name).call(x)[0];
                        assertEquals(want, compiled.function(name).call(x)[0], name + " (" + c + ") of " + x);
                        checked++;
                    }
                }
            }
        }
        assertEquals(4 * CONSTANTS.length * 10 * 2, checked);
        // The interpreter's answers themselves, at a bound: x <u 2 and x >u 255 (the mask form of both).
        assertEquals(1, interpreted.function("v_lt_u_2").call(1)[0]);
        assertEquals(0, interpreted.function("v_lt_u_2").call(-1)[0]);
        assertEquals(7, compiled.function("b_gt_u_7").call(256)[0]);
        assertEquals(9, compiled.function("b_gt_u_7").call(255)[0]);
    }

    @Test
    void aLoopOnAMaskTestTakesTheInterpretersIterations() {
        Instance interpreted = instance(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Instance compiled = instance(config);
            for (long x : new long[]{2, 3, 4, 5, 30, 31, 1001}) {
                assertEquals(interpreted.function("countDown").call(x)[0], compiled.function("countDown").call(x)[0],
                        "countDown " + x);
            }
        }
        assertEquals(15, interpreted.function("countDown").call(30)[0]);
    }

    @Test
    void theComparisonHasTheShapeTheSwitchAsksFor() throws IOException {
        WasmModule module = Wasm.load(Wabt.wat(module()));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$U", false, true);
        byte[] bytes = compiled.classes()[0];
        int iand = ClassFiles.count(new ByteArrayInputStream(bytes), "c0", 0x7E);
        assertEquals(UnsignedMaskTests.ON ? 1 : 0, iand, "iand in c0");
    }

    @Test
    void aLoopsBackEdgeKeepsTheGeneralForm() throws IOException {
        // C2 may count a loop on the general form, and not on a mask test (vec-O3's memset loop ran slower).
        WasmModule module = Wasm.load(Wabt.wat(module()));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 1, 7600,
                "dev/trapdoor/engine/exec/Jit$L", false, true);
        byte[] bytes = compiled.classes()[0];
        assertEquals(0, ClassFiles.count(new ByteArrayInputStream(bytes), "c0", 0x7E), "iand in c0");
        assertEquals(1, ClassFiles.count(new ByteArrayInputStream(bytes), "c0", 0xA3), "if_icmpgt in c0");
    }
}
