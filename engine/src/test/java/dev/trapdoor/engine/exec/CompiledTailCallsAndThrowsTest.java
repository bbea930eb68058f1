package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.trap.WasmFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tail calls and Wasm exceptions in compiled code: functions using them compile, a million mutual tail calls run in
 * constant JVM stack (compiled, and across tiers), a trap in a tail-called compiled function lists the frames the
 * interpreter lists, and a debugger sees a throw in compiled code with every frame alive and the same values.
 */
class CompiledTailCallsAndThrowsTest {
    private static final String WAT = """
            (module
              (tag $e (param i32))
              (func $even (export "even") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                  (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
              (func $odd (export "odd") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
              (func $divide (param i32 i32) (result i32) (local $q i32)
                (local.set $q (i32.div_u (local.get 0) (local.get 1)))
                (local.get $q))
              ;; replaced by its tail callee: no trap or stop may list it
              (func $replaced (param i32) (result i32) (return_call $divide (i32.const 7) (local.get 0)))
              (func (export "trapViaTail") (param i32) (result i32)
                (i32.add (i32.const 1) (call $replaced (local.get 0))))
              (func $thrower (param i32) (local $k i32)
                (local.set $k (i32.mul (local.get 0) (i32.const 3)))
                (if (local.get 0) (then (throw $e (local.get $k)))))
              (func $middle (param i32) (result i32) (local $m i64)
                (local.set $m (i64.const -5))
                (call $thrower (local.get 0))
                (i32.const -1))
              (func (export "catcher") (param i32) (result i32) (local $base i32)
                (local.set $base (i32.const 100))
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h) (call $middle (local.get 0)))
                  (return))
                (i32.add (local.get $base)))
              (func (export "uncaught") (param i32) (result i32)
                (i32.add (i32.const 2) (call $middle (local.get 0)))))
            """;

    static List<EngineConfig> compiledConfigs() {
        return List.of(EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64));
    }

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wat.compile("tails.wat", WAT).binary()), (m, n) -> null);
    }

    /** Runs {@code body} on a thread whose JVM stack holds a few thousand frames at most. */
    private static void onSmallStack(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @ParameterizedTest
    @MethodSource("compiledConfigs")
    void aMillionMutualTailCallsRunCompiledInConstantStack(EngineConfig config) throws InterruptedException {
        Instance inst = instance(config);
        assertNotNull(inst.function("even").jit, "even is compiled");
        assertNotNull(inst.function("odd").jit, "odd is compiled");
        onSmallStack(() -> {
            assertEquals(1L, inst.invoke("even", 1_000_000)[0]);
            assertEquals(0L, inst.invoke("odd", 1_000_000)[0]);
        });
    }

    /** A tail call passing a v128 moves its high half too (lane 3 is in it). */
    @ParameterizedTest
    @MethodSource("compiledConfigs")
    void tailCallsPassingAV128CompileAndKeepItsHighHalf(EngineConfig config) throws InterruptedException {
        String wat = """
                (module
                  (func $lanes (param v128 i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 1))
                      (then (i32x4.extract_lane 3 (local.get 0)))
                      (else (return_call $lanes (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4))
                                                (i32.sub (local.get 1) (i32.const 1))))))
                  (func (export "lanes") (param i32) (result i32)
                    (return_call $lanes (v128.const i32x4 0 0 0 100) (local.get 0))))
                """;
        Instance inst = new Store(config).instantiate(Wasm.load(Wat.compile("lanes.wat", wat).binary()),
                (m, n) -> null);
        assertNotNull(inst.function("lanes").jit, "lanes is compiled");
        for (FunctionInstance f : inst.functions) {
            assertNotNull(f.jit, f.name() + " is compiled");
        }
        onSmallStack(() -> assertEquals(100L + 4 * 1_000_000, inst.invoke("lanes", 1_000_000)[0]));
        assertEquals(100L, inst.invoke("lanes", 0)[0]);
    }

    @Test
    void tailCallsBetweenACompiledAndAnInterpretedFunctionRunInConstantStack() throws InterruptedException {
        var saved = JitInstaller.faultInjector;
        // odd fails to compile (the injected failure) and stays interpreted; even compiles.
        JitInstaller.faultInjector = f -> "odd".equals(f.name());
        try {
            Instance inst = instance(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
            assertNotNull(inst.function("even").jit);
            assertEquals(null, inst.function("odd").jit);
            onSmallStack(() -> assertEquals(1L, inst.invoke("even", 1_000_000)[0]));
        } finally {
            JitInstaller.faultInjector = saved;
        }
    }

    @Test
    void tieredTailCallsCompileAndStayInConstantStack() throws InterruptedException {
        Instance inst = instance(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2));
        onSmallStack(() -> assertEquals(1L, inst.invoke("even", 200_000)[0]));
        // The background compiler has been asked for both; once done, the next run starts compiled.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((inst.function("even").jit == null || inst.function("odd").jit == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertNotNull(inst.function("even").jit, "even compiled in the tiered mode");
        assertNotNull(inst.function("odd").jit, "odd compiled in the tiered mode");
        onSmallStack(() -> {
            assertEquals(1L, inst.invoke("even", 1_000_000)[0]);
            assertEquals(0L, inst.invoke("odd", 1_000_000)[0]);
        });
    }

    @ParameterizedTest
    @MethodSource("compiledConfigs")
    void aTrapInATailCalledCompiledFunctionListsTheInterpretersFrames(EngineConfig config) {
        Trap expected = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("trapViaTail", 0));
        Instance inst = instance(config);
        assertNotNull(inst.function("trapViaTail").jit);
        Trap actual = assertThrows(Trap.class, () -> inst.invoke("trapViaTail", 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, actual.kind());
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.moduleOffset(), actual.moduleOffset());
        assertEquals(expected.detail(), actual.detail());
        assertEquals(expected.stack(), actual.stack());
        // divide, then trapViaTail: replaced is gone
        assertEquals(2, actual.stack().size(), actual.stack().toString());
        assertEquals(8, inst.invoke("trapViaTail", 1)[0]);
    }

    private record Stop(boolean caught, List<Long> payload, List<SeenFrame> frames) {
    }

    /** Calls {@code export} with a debugger that records every Wasm exception it is told of, and what follows. */
    private static List<Stop> throwsSeen(EngineConfig config, String export, List<Object> outcome) {
        Store store = new Store(config);
        Instance inst = store.instantiate(Wasm.load(Wat.compile("tails.wat", WAT).binary()), (m, n) -> null);
        List<Stop> stops = new ArrayList<>();
        store.debugger().setEntryEvents(false);
        store.debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.WasmException w) {
                List<Long> payload = new ArrayList<>();
                for (long v : w.payload()) {
                    payload.add(v);
                }
                stops.add(new Stop(w.caught(), payload, frames.stream().map(SeenFrame::of).toList()));
            }
            return Resume.CONTINUE;
        });
        if (config.tier() == Tier.COMPILED) {
            assertNotNull(inst.function(export).jit, export + " is compiled under the idle debugger");
        }
        try {
            outcome.add(inst.invoke(export, 5)[0]);
        } catch (WasmThrow t) {
            outcome.add(t.frames());
        }
        return stops;
    }

    @ParameterizedTest
    @MethodSource("compiledConfigs")
    void aThrowInCompiledCodeStopsTheDebuggerWithEveryFrameAlive(EngineConfig config) {
        for (String export : List.of("catcher", "uncaught")) {
            List<Object> interpreted = new ArrayList<>();
            List<Stop> expected = throwsSeen(EngineConfig.DEFAULT, export, interpreted);
            List<Object> compiled = new ArrayList<>();
            List<Stop> actual = throwsSeen(config, export, compiled);
            assertEquals(1, expected.size());
            // thrower (k = 15), middle (m = -5), then catcher or uncaught: every frame, with its values
            assertEquals(3, expected.get(0).frames().size(), expected.toString());
            assertEquals(List.of(15L), expected.get(0).payload());
            assertEquals(export.equals("catcher"), expected.get(0).caught());
            assertEquals(expected, actual);
            assertEquals(interpreted, compiled);
        }
        List<Object> outcome = new ArrayList<>();
        throwsSeen(config, "catcher", outcome);
        assertEquals(List.of(115L), outcome);
        List<Object> uncaught = new ArrayList<>();
        throwsSeen(config, "uncaught", uncaught);
        assertTrue(uncaught.get(0) instanceof List<?> frames && frames.size() == 3
                && frames.get(0) instanceof WasmFrame, uncaught.toString());
    }
}
