package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIMD in the compiled tier: v128 values in JVM locals cross calls, branches, globals, chunk boundaries and
 * on-stack replacement with both halves, compute what the interpreter computes, trap as it traps, and move into the
 * interpreter under a debugger stop with their high halves.
 */
class CompiledSimdTest {
    private static final String MODULE = """
            (module
              (memory 1)
              (global $g (mut v128) (v128.const i32x4 1 2 3 4))
              (func $addmul (param $a v128) (param $b v128) (result v128)
                (i32x4.mul (i32x4.add (local.get $a) (local.get $b)) (local.get $b)))
              (func $leaf (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func (export "calls") (param i32) (result v128 i32)
                (local $v v128)
                (local.set $v (i32x4.splat (local.get 0)))
                (call $addmul (local.get $v) (v128.const i32x4 10 20 30 -40))
                (i32.add (call $leaf (local.get 0)) (i32x4.extract_lane 3 (local.get $v))))
              (func (export "loop") (param $n i32) (result v128)
                (local $acc v128) (local $f v128) (local $i i32)
                (local.set $f (f32x4.splat (f32.const 0.5)))
                (loop $l
                  (local.set $acc (i8x16.add (local.get $acc)
                    (i8x16.swizzle (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
                                   (i8x16.splat (local.get $i)))))
                  (local.set $f (f32x4.add (f32x4.mul (local.get $f) (f32x4.splat (f32.const 1.5)))
                                           (f32x4.convert_i32x4_s (i32x4.splat (local.get $i)))))
                  (local.set $acc (v128.xor (local.get $acc) (i64x2.shl (local.get $f) (i32.const 3))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (v128.bitselect (local.get $acc) (local.get $f) (v128.const i64x2 -1 0xff00ff00)))
              (func (export "select") (param i32) (result v128)
                (select (v128.const i64x2 1 2) (v128.const i64x2 3 4) (local.get 0)))
              (func (export "block") (param i32) (result v128)
                (block (result v128)
                  (br_if 0 (v128.const i64x2 7 8) (local.get 0))
                  (drop)
                  (v128.const i64x2 9 10)))
              (func (export "global") (param v128) (result v128)
                (global.get $g)
                (global.set $g (local.get 0)))
              (func (export "memory") (param i32) (result v128 v128 i32)
                (v128.store offset=16 (local.get 0)
                  (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
                (v128.store16_lane offset=40 3 (local.get 0) (v128.const i16x8 0 1 2 3 4 5 6 7))
                (i16x8.add (v128.load offset=16 (local.get 0)) (v128.load8_splat offset=17 (local.get 0)))
                (i32x4.add (v128.load32_zero offset=18 (local.get 0))
                           (v128.load16_lane offset=40 5 (local.get 0) (v128.load8x8_s offset=20 (local.get 0))))
                (i8x16.bitmask (i8x16.narrow_i16x8_s (v128.load offset=16 (local.get 0))
                                                     (v128.load64_splat offset=8 (local.get 0)))))
              (func (export "lanes") (param v128 v128) (result v128 v128 i32 i64)
                (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 0) (local.get 1))
                (i32x4.dot_i16x8_s (i32x4.replace_lane 2 (local.get 0) (i32.const -9)) (local.get 1))
                (i32x4.all_true (i32x4.ne (local.get 0) (local.get 1)))
                (i64x2.extract_lane 1 (f64x2.div (local.get 0) (f64x2.splat (f64.const 3)))))
              (func (export "oob_load") (param i32) (result v128) (v128.load offset=4 (local.get 0)))
              (func (export "oob_load_lane") (param i32) (result v128)
                (v128.load32_lane offset=2 1 (local.get 0) (v128.const i64x2 0 0)))
              (func (export "oob_store") (param i32) (v128.store offset=1 (local.get 0) (v128.const i64x2 1 2)))
              (func (export "oob_store_lane") (param i32)
                (v128.store64_lane 1 (local.get 0) (v128.const i64x2 1 2)))
              (func (export "oob_splat") (param i32) (result v128) (v128.load16_splat (local.get 0)))
              (func (export "oob_deep") (param i32) (result v128)
                (local $keep v128)
                (local.set $keep (v128.const i32x4 5 6 7 8))
                (i32x4.add (local.get $keep) (call $oob_inner (local.get 0))))
              (func $oob_inner (param i32) (result v128)
                (local $w v128)
                (local.set $w (i32x4.splat (i32.const -3)))
                (i64x2.add (local.get $w) (v128.load64_zero offset=9 (local.get 0)))))""";

    private static EngineConfig[] compiledConfigs() {
        return new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2)};
    }

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static long[] v(long lo, long hi) {
        return new long[]{lo, hi};
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }

    private static final Object[][] CALLS = {
            {"calls", new long[]{7}},
            {"calls", new long[]{-123456}},
            {"loop", new long[]{1}},
            {"loop", new long[]{300}},
            {"select", new long[]{0}},
            {"select", new long[]{1}},
            {"block", new long[]{0}},
            {"block", new long[]{5}},
            {"memory", new long[]{0}},
            {"memory", new long[]{1000}},
            {"lanes", concat(v(0x0102_0304_0506_0708L, 0x7FF0_0000_0000_0001L), v(-1L, 0x0000_FFFF_0000_8000L))},
            {"lanes", concat(v(0x4008_0000_0000_0000L, -2L), v(0x4008_0000_0000_0000L, 3L))},
    };

    @Test
    void everyFunctionIsCompiled() {
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        for (String name : new String[]{"calls", "loop", "select", "block", "global", "memory", "lanes", "oob_deep"}) {
            assertNotNull(inst.function(name).jit, name + " stayed in the interpreter");
        }
    }

    @Test
    void compiledCodeComputesWhatTheInterpreterComputes() {
        Instance interpreted = instantiate(EngineConfig.DEFAULT);
        for (EngineConfig config : compiledConfigs()) {
            Instance compiled = instantiate(config);
            // Three rounds: the tiered instance compiles its hot functions on the way (and enters loop by OSR).
            for (int round = 0; round < 3; round++) {
                for (Object[] call : CALLS) {
                    String name = (String) call[0];
                    long[] args = (long[]) call[1];
                    assertArrayEquals(interpreted.invoke(name, args), compiled.invoke(name, args),
                            name + Arrays.toString(args) + " with " + config);
                }
            }
        }
    }

    @Test
    void v128GlobalsKeepBothHalves() {
        for (EngineConfig config : compiledConfigs()) {
            Instance inst = instantiate(config);
            assertArrayEquals(v(2L << 32 | 1, 4L << 32 | 3), inst.invoke("global", 11, 12));
            assertArrayEquals(v(11, 12), inst.invoke("global", -1, -2));
            assertArrayEquals(v(-1, -2), inst.invoke("global", 0, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oob_load:65530", "oob_load:-4", "oob_load_lane:65533", "oob_store:65520",
            "oob_store_lane:65529", "oob_splat:65535", "oob_deep:65530"})
    void simdAccessesTrapAsInTheInterpreter(String call) {
        String name = call.substring(0, call.indexOf(':'));
        long arg = Long.parseLong(call.substring(call.indexOf(':') + 1));
        Trap interpreted = assertThrows(Trap.class, () -> instantiate(EngineConfig.DEFAULT).invoke(name, arg));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, interpreted.kind());
        for (EngineConfig config : compiledConfigs()) {
            Trap t = assertThrows(Trap.class, () -> instantiate(config).invoke(name, arg));
            assertSameTrap(interpreted, t);
        }
    }

    /** Every frame of a stop with both halves of every local and operand. */
    private static List<String> frames(List<DebugFrame> frames) {
        List<String> seen = new ArrayList<>();
        for (DebugFrame f : frames) {
            StringBuilder b = new StringBuilder(f.funcIndex() + "@" + Integer.toHexString(f.moduleOffset()));
            for (int i = 0; i < f.localCount(); i++) {
                b.append(' ').append(f.local(i)).append('/').append(f.localHigh(i));
            }
            b.append(" |");
            for (int i = 0; i < f.stackHeight(); i++) {
                b.append(' ').append(f.stack(i)).append('/').append(f.stackHigh(i));
            }
            seen.add(b.toString());
        }
        return seen;
    }

    private record Run(List<List<String>> stops, long[] result) {
    }

    private static List<List<String>> trapSeenByDebugger(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        Instance inst = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<List<String>> stops = new ArrayList<>();
        Debugger debugger = store.debugger();
        debugger.setEntryEvents(false);
        debugger.setHandler((DebugEvent event, List<DebugFrame> frames) -> {
            stops.add(frames(frames));
            return Resume.CONTINUE;
        });
        assertThrows(Trap.class, () -> inst.invoke("oob_deep", 65530));
        return stops;
    }

    @Test
    void aTrapInCompiledSimdCodeShowsTheHighHalves() {
        List<List<String>> interpreted = trapSeenByDebugger(Tier.INTERPRETER);
        assertEquals(1, interpreted.size());
        assertTrue(interpreted.get(0).get(0).contains("/" + 0xFFFF_FFFD_FFFF_FFFDL), interpreted.toString());
        assertTrue(interpreted.get(0).get(1).contains("/" + (8L << 32 | 7)), interpreted.toString());
        assertEquals(interpreted, trapSeenByDebugger(Tier.COMPILED));
    }

    private static Run underBreakpoint(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        Instance inst = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<List<String>> stops = new ArrayList<>();
        Debugger debugger = store.debugger();
        debugger.setEntryEvents(false);
        debugger.setHandler((DebugEvent event, List<DebugFrame> frames) -> {
            stops.add(frames(frames));
            return Resume.CONTINUE;
        });
        debugger.addFunctionBreakpoint(inst, 1); // $leaf, called by "calls" while its v128 local is live
        long[] result = inst.invoke("calls", 0x0102_0304);
        return new Run(stops, result);
    }

    @Test
    void aStopBelowACompiledSimdFrameSeesAndKeepsItsHighHalves() {
        Run interpreted = underBreakpoint(Tier.INTERPRETER);
        Run compiled = underBreakpoint(Tier.COMPILED);
        assertEquals(1, interpreted.stops().size());
        assertTrue(interpreted.stops().get(0).get(1).contains("/" + (0x0102_0304L << 32 | 0x0102_0304L)),
                interpreted.stops().toString());
        assertEquals(interpreted.stops(), compiled.stops());
        assertArrayEquals(interpreted.result(), compiled.result());
    }
}
