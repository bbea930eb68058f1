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
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the compiled tier's SIMD emission does for speed keeps the interpreter's results: f32x4 lanes forwarded from
 * one instruction to the next ({@link F32Lanes}) only while they are the slot's value, whole loads and stores checked
 * inline, and SIMD functions in smaller chunks.
 */
class SimdEmissionTest {
    private static final String MODULE = """
            (module
              (memory 1)
              (func $id (param v128) (result v128) (local.get 0))
              ;; saxpy's chain, with the lanes moved through locals, a select and a tee
              (func (export "chain") (param $x v128) (param $y v128) (param $c i32) (result v128)
                (local $t v128) (local $u v128)
                (local.set $t (f32x4.mul (local.get $x) (v128.const f32x4 0.5 -2 3.25 1e30)))
                (local.set $u (f32x4.add (local.get $t) (local.get $y)))
                (f32x4.sub
                  (select (local.tee $t (f32x4.div (local.get $u) (local.get $x))) (local.get $y) (local.get $c))
                  (f32x4.mul (local.get $t) (local.get $u))))
              ;; the slot of a forwarded value is rewritten by an integer operation, a call and a block result
              (func (export "rewritten") (param $x v128) (result v128)
                (local $t v128)
                (local.set $t (f32x4.add (local.get $x) (local.get $x)))
                (drop (f32x4.mul (local.get $t) (local.get $t)))
                (local.set $t (i32x4.add (local.get $t) (v128.const i32x4 1 1 1 1)))
                (local.set $t (f32x4.add (local.get $t) (local.get $t)))
                (local.set $t (f32x4.mul (local.get $t) (call $id (local.get $x))))
                (f32x4.add
                  (block (result v128) (f32x4.sub (local.get $t) (local.get $x)))
                  (local.get $t)))
              ;; a loop whose f32x4 value comes around the back-edge: the lanes seen before the header are stale
              (func (export "loop") (param $x v128) (param $n i32) (result v128)
                (local $acc v128)
                (local.set $acc (f32x4.mul (local.get $x) (local.get $x)))
                (loop $l
                  (local.set $acc (f32x4.add (f32x4.mul (local.get $acc) (v128.const f32x4 0.5 0.5 0.5 0.5))
                                             (local.get $x)))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (f32x4.add (local.get $acc) (local.get $acc)))
              ;; memory in between: a store changes what the next load reads
              (func (export "memory") (param $a i32) (param $x v128) (result v128)
                (v128.store (local.get $a) (f32x4.mul (local.get $x) (local.get $x)))
                (v128.store offset=16 (local.get $a) (f32x4.add (v128.load (local.get $a)) (local.get $x)))
                (i32.store offset=20 (local.get $a) (i32.const 0x7fc00001))
                (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load (local.get $a))))
              (func (export "load_at") (param i32) (result v128) (v128.load offset=0xffffffff (local.get 0)))
              (func (export "store_at") (param i32) (v128.store offset=0x7ffffff0 (local.get 0) (v128.const i64x2 1 2)))
              (func (export "load_edge") (param i32) (result v128) (v128.load offset=16 (local.get 0))))""";

    private static final EngineConfig[] CONFIGS = {
            EngineConfig.DEFAULT.withTier(Tier.COMPILED),
            EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
            EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(300),
            EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2)};

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static long pack(float lo, float hi) {
        return (long) Float.floatToRawIntBits(hi) << 32 | Float.floatToRawIntBits(lo) & 0xFFFF_FFFFL;
    }

    /** Arguments of each call: lanes with NaNs (a payload of their own), infinities, -0 and denormals. */
    private static final long[][] CALLS = {
            {pack(1.5f, -3f), pack(Float.intBitsToFloat(0x7fa00003), Float.MIN_VALUE),
                    pack(2f, -0f), pack(Float.POSITIVE_INFINITY, 7e-39f), 0},
            {pack(1.5f, -3f), pack(Float.intBitsToFloat(0x7fa00003), Float.MIN_VALUE),
                    pack(2f, -0f), pack(Float.POSITIVE_INFINITY, 7e-39f), 1},
            {pack(-0f, 1e20f), pack(Float.intBitsToFloat(0xffc00005), 3f), pack(0.25f, 4f), pack(-1f, 8f), 5},
    };

    @Test
    void forwardedLanesComputeWhatTheInterpreterComputes() {
        Instance interpreter = instantiate(EngineConfig.DEFAULT);
        for (EngineConfig config : CONFIGS) {
            Instance compiled = instantiate(config);
            for (int round = 0; round < 3; round++) {
                for (long[] a : CALLS) {
                    assertArrayEquals(interpreter.invoke("chain", a[0], a[1], a[2], a[3], a[4]),
                            compiled.invoke("chain", a[0], a[1], a[2], a[3], a[4]));
                    // (Not x's lanes with NaN payloads: there a product of two NaNs may carry either payload,
                    // as the spec allows, and the JVM may swap the operands of a commutative float operation.)
                    assertArrayEquals(interpreter.invoke("rewritten", a[2], a[3]),
                            compiled.invoke("rewritten", a[2], a[3]));
                    assertArrayEquals(interpreter.invoke("loop", a[2], a[3], 1 + a[4]),
                            compiled.invoke("loop", a[2], a[3], 1 + a[4]));
                    assertArrayEquals(interpreter.invoke("memory", 64 * a[4], a[0], a[1]),
                            compiled.invoke("memory", 64 * a[4], a[0], a[1]));
                }
            }
        }
    }

    /** The computed lanes, not only agreement: {@code chain} with c = 0 selects y, then subtracts t * u. */
    @Test
    void theChainIsSaxpysArithmetic() {
        long[] r = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED))
                .invoke("chain", pack(2f, 4f), pack(8f, 16f), pack(1f, 1f), pack(1f, 1f), 0);
        float t0 = 2f * 0.5f;
        float u0 = t0 + 1f;
        float t0b = u0 / 2f;
        assertEquals(Float.floatToRawIntBits(1f - t0b * u0), (int) r[0]);
        float t1 = 4f * -2f;
        float u1 = t1 + 1f;
        float t1b = u1 / 4f;
        assertEquals(Float.floatToRawIntBits(1f - t1b * u1), (int) (r[0] >>> 32));
    }

    @Test
    void inlineBoundsChecksTrapAsTheInterpreterDoes() {
        String[] calls = {"load_at:0", "load_at:1", "store_at:0", "store_at:16", "load_edge:65505",
                "load_edge:65535", "load_edge:-1", "load_edge:2147483632"};
        for (String call : calls) {
            String name = call.substring(0, call.indexOf(':'));
            long arg = Long.parseLong(call.substring(call.indexOf(':') + 1));
            Trap interpreted = assertThrows(Trap.class, () -> instantiate(EngineConfig.DEFAULT).invoke(name, arg),
                    call);
            for (EngineConfig config : CONFIGS) {
                Trap t = assertThrows(Trap.class, () -> instantiate(config).invoke(name, arg), call);
                assertEquals(interpreted.kind(), t.kind(), call);
                assertEquals(interpreted.detail(), t.detail(), call);
                assertEquals(interpreted.getMessage(), t.getMessage(), call);
            }
        }
        // The last 16 bytes of the page are in bounds.
        for (EngineConfig config : CONFIGS) {
            assertArrayEquals(new long[]{0, 0}, instantiate(config).invoke("load_edge", 65504));
        }
    }

    /** A function of 5,000 to 7,000 bytes of bytecode, with SIMD or without. */
    private static String bigFunction(boolean simd) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < (simd ? 40 : 100); i++) {
            body.append(simd
                    ? "(local.set 1 (i32x4.add (local.get 1) (v128.load offset=" + 16 * i + " (local.get 0))))\n"
                    : "(local.set 1 (i32.add (local.get 1) (i32.load offset=" + 4 * i + " (local.get 0))))\n");
        }
        return "(module (memory 1) (func (export \"f\") (param i32) (result i32) (local " + (simd ? "v128" : "i32")
                + ")\n" + body + (simd ? "(i32x4.extract_lane 0 (local.get 1))))" : "(local.get 1)))");
    }

    /** A budget above the SIMD one (the default, unless -Dtrapdoor.jit.chunkBudget sets a smaller one). */
    private static final int LARGE_BUDGET = 7600;

    @Test
    void simdFunctionsGetTheSmallerChunkBudget() {
        WasmModule simd = Wasm.load(Wabt.wat(bigFunction(true)));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(simd), 0, LARGE_BUDGET,
                "dev/trapdoor/engine/exec/Jit$S");
        assertTrue(cc.chunkCount() > 1, "one chunk of " + cc.chunkSizes()[0] + " bytes");
        for (int size : cc.chunkSizes()) {
            assertTrue(size <= SimdEmitter.SIMD_CHUNK_BUDGET, "chunk of " + size + " bytes");
        }
        // A smaller configured budget stays as it is.
        CompiledClass tiny = JvmCompiler.compile(new ModuleContext(simd), 0, 600, "dev/trapdoor/engine/exec/Jit$S");
        for (int size : tiny.chunkSizes()) {
            assertTrue(size <= 600, "chunk of " + size + " bytes");
        }
        WasmModule scalar = Wasm.load(Wabt.wat(bigFunction(false)));
        CompiledClass one = JvmCompiler.compile(new ModuleContext(scalar), 0, LARGE_BUDGET,
                "dev/trapdoor/engine/exec/Jit$S");
        assertEquals(1, one.chunkCount(), "a scalar function of " + one.chunkSizes()[0] + " bytes is one chunk");
        assertTrue(one.chunkSizes()[0] > SimdEmitter.SIMD_CHUNK_BUDGET, one.chunkSizes()[0] + " bytes");
        Instance a = new Store(EngineConfig.DEFAULT).instantiate(simd, ImportResolver.NONE);
        Instance b = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED)).instantiate(simd, ImportResolver.NONE);
        assertArrayEquals(a.invoke("f", 7), b.invoke("f", 7));
    }
}
