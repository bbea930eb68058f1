package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Typed entries in the short convention ({@link TypedCalls#SHORT}: {@code fp}, {@code slack}, then the parameters)
 * or, with {@code -Dtrapdoor.jit.shortTypedCalls=false}, the full one: the entry has the descriptor the switch asks
 * for, and parameters of every kind (an i32 the body assigns, one it does not, i64, f32, f64) reach direct and
 * indirect callees with and without memory, chunked or not, with the interpreter's results, traps and depth limit.
 */
class ShortTypedCallsTest {
    private static final String MODULE = """
            (module
              (type $mix (func (param i32 i32 i64 f32 f64) (result i64)))
              (memory 1)
              (table 2 funcref)
              (elem (i32.const 0) $pure $mem)
              (func $pure (type $mix)
                (local.set 0 (i32.mul (local.get 0) (i32.const 3)))
                (i64.add (i64.add (i64.extend_i32_s (local.get 0)) (i64.extend_i32_u (local.get 1)))
                  (i64.add (local.get 2)
                    (i64.add (i64.trunc_f32_s (local.get 3)) (i64.reinterpret_f64 (local.get 4))))))
              (func $mem (type $mix)
                (i64.store (i32.const 64) (local.get 2))
                (i32.store (i32.const 72) (i32.add (local.get 0) (local.get 1)))
                (i64.add (i64.load (i32.const 64)) (i64.extend_i32_u (i32.load (i32.const 72)))))
              (func (export "direct") (param i32 i32 i64) (result i64)
                (i64.add
                  (call $pure (local.get 0) (local.get 1) (local.get 2) (f32.const -2.5) (f64.const 0x1p-1070))
                  (call $mem (local.get 1) (local.get 0) (local.get 2) (f32.const 0) (f64.const 0))))
              (func (export "indirect") (param i32 i32 i64 i32) (result i64)
                (call_indirect (type $mix) (local.get 0) (local.get 1) (local.get 2) (f32.const 7.75)
                  (f64.const -0.0) (local.get 3)))
              (func $deep (export "deep") (param i32 i64 i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.div_s (i32.wrap_i64 (local.get 1)) (local.get 2)))
                  (else (i32.add (i32.const 1)
                    (call $deep (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 1))
                      (local.get 2))))))
              (func $deepMem (export "deepMem") (param i32 i32) (result i32)
                (i32.store (i32.const 8) (local.get 0))
                (i32.add (i32.load (i32.const 8))
                  (call $deepMem (i32.add (local.get 0) (i32.const 1)) (local.get 1))))
            )""";

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static EngineConfig[] compiledConfigs(EngineConfig base) {
        return new EngineConfig[]{base.withTier(Tier.COMPILED), base.withTier(Tier.COMPILED).withChunkBudget(64)};
    }

    @Test
    void theTypedEntryHasTheDescriptorTheSwitchAsksFor() {
        WasmModule module = Wasm.load(Wabt.wat(MODULE));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$S", false, true);
        List<String> typed = new ArrayList<>();
        new ClassReader(compiled.classes()[0]).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                if (name.equals(TypedCalls.METHOD)) {
                    typed.add(desc);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        assertEquals(List.of(TypedCalls.SHORT ? "(IIJJJJJ)J" : "(II[JJIJJJJJ)J"), typed);
    }

    @Test
    void argumentsOfEveryKindReachDirectAndIndirectCallees() {
        Instance interpreted = instance(EngineConfig.DEFAULT);
        long[][] args = {{1, 2, 3}, {-1, 0x7FFFFFFF, Long.MIN_VALUE}, {0x80000000L, -7, -1}, {12345, 678, 1L << 40}};
        int checked = 0;
        for (EngineConfig config : compiledConfigs(EngineConfig.DEFAULT)) {
            Instance compiled = instance(config);
            for (long[] a : args) {
                assertEquals(interpreted.invoke("direct", a)[0], compiled.invoke("direct", a)[0], "direct");
                for (long element = 0; element < 2; element++) {
                    long[] ia = {a[0], a[1], a[2], element};
                    assertEquals(interpreted.invoke("indirect", ia)[0], compiled.invoke("indirect", ia)[0],
                            "indirect to element " + element);
                    checked++;
                }
            }
        }
        assertEquals(16, checked);
        // The interpreter's own answer: 3 * 1 + 2 + 3 - 2 + 16 (the f64's bits) from $pure, 3 + (2 + 1) from $mem.
        assertEquals(22 + 6, interpreted.invoke("direct", new long[]{1, 2, 3})[0]);
    }

    @Test
    void aTrapBelowTypedFramesIsTheInterpreters() {
        Trap interpreted = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("deep",
                new long[]{5, 40, 0}));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, interpreted.kind());
        for (EngineConfig config : compiledConfigs(EngineConfig.DEFAULT)) {
            Instance compiled = instance(config);
            assertEquals(instance(EngineConfig.DEFAULT).invoke("deep", new long[]{5, 40, 3})[0],
                    compiled.invoke("deep", new long[]{5, 40, 3})[0]);
            assertSameTrap(interpreted, assertThrows(Trap.class, () -> compiled.invoke("deep", new long[]{5, 40, 0})));
        }
    }

    @Test
    void theDepthLimitIsTheInterpreters() {
        EngineConfig small = new EngineConfig(300, 1 << 16, false);
        for (String export : new String[]{"deep", "deepMem"}) {
            long[] args = export.equals("deep") ? new long[]{100_000, 0, 1} : new long[]{0, 0};
            Trap interpreted = assertThrows(Trap.class, () -> instance(small).invoke(export, args));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, interpreted.kind());
            for (EngineConfig config : compiledConfigs(small)) {
                Trap compiled = assertThrows(Trap.class, () -> instance(config).invoke(export, args));
                assertEquals(TrapKind.CALL_STACK_EXHAUSTED, compiled.kind(), export);
                assertEquals(interpreted.moduleOffset(), compiled.moduleOffset(), export);
                assertEquals(interpreted.detail(), compiled.detail(), export);
                assertEquals(interpreted.stack(), compiled.stack(), export);
            }
        }
    }
}
