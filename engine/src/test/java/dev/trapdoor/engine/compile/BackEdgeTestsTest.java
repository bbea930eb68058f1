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
 * A {@code br_if} back to a loop on a plain i32 value is tested unsigned ({@link BackEdgeTests}) unless
 * {@code -Dtrapdoor.jit.backEdgeUnsignedTest=false}: the loop takes the same iterations as in the interpreter for
 * every kind of value the test sees (0, negative, {@code MIN_VALUE}, {@code MAX_VALUE}), and the bytecode has the
 * shape the switch asks for.
 */
class BackEdgeTestsTest {
    private static final String MODULE = """
            (module
              (func (export "countDown") (param $c i32) (param $step i32) (result i32) (local $n i32)
                (loop $top
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (br_if $top (local.tee $c (i32.sub (local.get $c) (local.get $step)))))
                (local.get $n))
              (func (export "outOfBlock") (param $c i32) (result i32) (local $n i32)
                ;; the value is carried in a block inside the loop: br_if to the loop from a nested depth
                (loop $top
                  (block $b
                    (local.set $n (i32.add (local.get $n) (i32.const 2)))
                    (br_if $top (local.tee $c (i32.shr_u (local.get $c) (i32.const 1))))))
                (local.get $n)))""";

    /** c, step: each loop ends when c reaches 0; the second and third pass through MIN_VALUE and negative values. */
    private static final long[][] ARGS = {{1, 1}, {5, 1}, {0, Integer.MIN_VALUE}, {-3, -1},
            {Integer.MAX_VALUE, Integer.MAX_VALUE}, {Integer.MIN_VALUE, Integer.MIN_VALUE}, {-1, -1}};

    private static Instance instance(EngineConfig config) {
        Store store = new Store(config);
        return store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @Test
    void loopsTakeTheInterpretersIterations() {
        Instance interpreted = instance(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        long[] expected = {1, 5, 2, 3, 1, 1, 1};
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Instance compiled = instance(config);
            for (int i = 0; i < ARGS.length; i++) {
                long want = interpreted.function("countDown").call(ARGS[i])[0];
                assertEquals(expected[i], want, "interpreter, case " + i);
                assertEquals(want, compiled.function("countDown").call(ARGS[i])[0], "compiled, case " + i);
            }
            for (long c : new long[]{1, 2, 1000, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                assertEquals(interpreted.function("outOfBlock").call(c)[0], compiled.function("outOfBlock").call(c)[0],
                        "outOfBlock " + c);
            }
        }
    }

    @Test
    void theBackEdgeHasTheShapeTheSwitchAsksFor() throws IOException {
        WasmModule module = Wasm.load(Wabt.wat(MODULE));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$B", false, true);
        byte[] bytes = compiled.classes()[0];
        int ifne = ClassFiles.count(new ByteArrayInputStream(bytes), "c0", 0x9A);
        int ifIcmpgt = ClassFiles.count(new ByteArrayInputStream(bytes), "c0", 0xA3);
        // c0 has one ifne of its own (past the spill block), whatever the switch.
        if (BackEdgeTests.ON) {
            assertEquals(1, ifne, "ifne in c0");
            assertEquals(1, ifIcmpgt, "if_icmpgt in c0");
        } else {
            assertEquals(2, ifne, "ifne in c0");
            assertEquals(0, ifIcmpgt, "if_icmpgt in c0");
        }
    }
}
