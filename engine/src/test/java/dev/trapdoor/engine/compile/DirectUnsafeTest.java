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
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The inline access shape calling {@code sun.misc.Unsafe} itself ({@code MemoryOps.DIRECT}, on unless
 * {@code -Dtrapdoor.jit.directUnsafe=false}): every width and sign of load and store, at offsets 0 and above, reads
 * and writes what the interpreter does, up to the last byte of memory, and the first access past it traps as there.
 */
class DirectUnsafeTest {
    /**
     * {@code mix(a, v)}: stores v's bytes at a with each store width, reads them back with each load and folds the
     * results into one i64; the stores' offsets put the widest one's last byte at {@code a + 23}.
     */
    private static final String MODULE = """
            (module
              (memory 1)
              (func (export "mix") (param $a i32) (param $v i64) (result i64)
                (local $r i64)
                (i64.store (local.get $a) (local.get $v))
                (i32.store offset=8 (local.get $a) (i32.wrap_i64 (local.get $v)))
                (i32.store16 offset=12 (local.get $a) (i32.wrap_i64 (local.get $v)))
                (i32.store8 offset=14 (local.get $a) (i32.wrap_i64 (local.get $v)))
                (i64.store32 offset=16 (local.get $a) (local.get $v))
                (f64.store offset=16 (local.get $a) (f64.reinterpret_i64 (i64.xor (local.get $v) (i64.const 0x5555))))
                (f32.store offset=15 (local.get $a) (f32.reinterpret_i32 (i32.wrap_i64 (local.get $v))))
                (local.set $r (i64.load (local.get $a)))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load8_s offset=3 (local.get $a))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load8_u offset=3 (local.get $a))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load16_s offset=6 (local.get $a))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load16_u offset=6 (local.get $a))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load32_s offset=8 (local.get $a))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31)) (i64.load32_u offset=8 (local.get $a))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                  (i64.extend_i32_s (i32.load8_s offset=14 (local.get $a)))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                  (i64.extend_i32_u (i32.load16_u offset=12 (local.get $a)))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                  (i64.extend_i32_s (i32.load16_s offset=12 (local.get $a)))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                  (i64.extend_i32_u (i32.load offset=8 (local.get $a)))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                  (i64.reinterpret_f64 (f64.load offset=16 (local.get $a)))))
                (local.set $r (i64.add (i64.mul (local.get $r) (i64.const 31))
                  (i64.extend_i32_u (i32.reinterpret_f32 (f32.load offset=15 (local.get $a))))))
                (local.get $r)))""";

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @Test
    void everyWidthReadsAndWritesWhatTheInterpreterDoes() {
        Instance interpreted = instance(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance compiled = instance(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        long[] values = {0, 1, -1, 0x8081_8283_8485_8687L, 0x7F7F_8000_FF80_017FL, Long.MIN_VALUE, 0x7FF8_0000_0000_0001L};
        for (int a : new int[]{0, 1, 4093, 65536 - 24}) {
            for (long v : values) {
                assertArrayEquals(interpreted.invoke("mix", a, v), compiled.invoke("mix", a, v), a + " " + v);
            }
        }
        assertArrayEquals(interpreted.memory().read(0, 65536), compiled.memory().read(0, 65536), "memory");
    }

    @Test
    void theFirstAccessPastTheEndTrapsAsInTheInterpreter() {
        for (int a : new int[]{65536 - 23, 65536 - 8, 65535, -1}) {
            Instance interpreted = instance(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
            Instance compiled = instance(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
            Trap expected = assertThrows(Trap.class, () -> interpreted.invoke("mix", a, 0x0102_0304_0506_0708L));
            Trap actual = assertThrows(Trap.class, () -> compiled.invoke("mix", a, 0x0102_0304_0506_0708L));
            assertSameTrap(expected, actual);
            assertArrayEquals(interpreted.memory().read(0, 65536), compiled.memory().read(0, 65536), "memory " + a);
        }
    }

    @Test
    void theAccessesCallUnsafeOnlyWhenSwitchedOn() throws IOException {
        WasmModule module = Wasm.load(Wabt.wat(MODULE));
        byte[] bytes = JvmCompiler.compile(new ModuleContext(module), 0, 7600, "dev/trapdoor/engine/exec/Jit$D", false,
                true).classes()[0];
        int invokevirtual = ClassFiles.count(new ByteArrayInputStream(bytes), "c0", 0xB6);
        // 7 stores and 13 loads.
        assertEquals(MemoryOps.DIRECT ? 20 : 0, invokevirtual, "invokevirtual in c0");
    }
}
