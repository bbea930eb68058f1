package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A debugger that attaches while compiled code loops sees that code's frame: the poll at each compiled loop header
 * lets the frame out, and it goes on in the interpreter from that header, where pauses and breakpoints work. The
 * program computes what it would have computed without the move.
 */
class LeavingCompiledCodeTest {
    /** {@code spin} counts in a global forever; {@code sum} sums i * (i xor 7) below n, in nested loops. */
    private static final String MODULE = """
            (module
              (global $count (export "count") (mut i32) (i32.const 0))
              (func $spin (export "spin")
                (loop $forever
                  (global.set $count (i32.add (global.get $count) (i32.const 1)))
                  (br $forever)))
              (func (export "run") (call $spin))
              (func (export "sum") (param $n i32) (result i64)
                (local $i i32) (local $j i32) (local $acc i64)
                (loop $outer
                  (local.set $j (i32.const 0))
                  (loop $inner
                    (local.set $acc (i64.add (local.get $acc)
                      (i64.extend_i32_u (i32.mul (local.get $i) (i32.xor (local.get $j) (i32.const 7))))))
                    (global.set $count (i32.add (global.get $count) (i32.const 1)))
                    (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1)))
                      (i32.const 1000))))
                  (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc)))""";

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static void awaitCount(Instance instance, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (instance.global("count").get() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "the program never got going");
            Thread.sleep(5);
        }
    }

    @Test
    void aPauseStopsACompiledLoop() throws Exception {
        Instance instance = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertNotNull(instance.function("spin").jit, "spin should run compiled");
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                instance.invoke("run");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        awaitCount(instance, 1_000_000);
        CountDownLatch paused = new CountDownLatch(1);
        AtomicReference<List<String>> names = new AtomicReference<>();
        AtomicReference<Integer> offset = new AtomicReference<>();
        Debugger debugger = instance.store().debugger();
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.Pause) {
                names.set(frames.stream().map(DebugFrame::functionName).toList());
                offset.set(frames.get(0).moduleOffset());
                paused.countDown();
            }
            return Resume.TERMINATE;
        });
        debugger.requestPause();
        assertTrue(paused.await(10, TimeUnit.SECONDS), "the compiled loop never paused");
        assertEquals("spin", names.get().get(0));
        assertInstanceOf(DebugTerminated.class, run.get(10, TimeUnit.SECONDS));
        long count = instance.global("count").get();
        Thread.sleep(50);
        assertEquals(count, instance.global("count").get(), "the loop went on after the program was terminated");
    }

    @Test
    void aTimeLimitStopsACompiledLoop() {
        Instance instance = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withTimeLimitMillis(300));
        assertNotNull(instance.function("spin").jit);
        long start = System.nanoTime();
        dev.trapdoor.engine.trap.Trap t = org.junit.jupiter.api.Assertions.assertThrows(
                dev.trapdoor.engine.trap.Trap.class, () -> instance.invoke("run"));
        assertEquals(dev.trapdoor.engine.trap.TrapKind.TIME_LIMIT_EXCEEDED, t.kind());
        assertEquals(List.of("spin", "run"), t.stack().stream().map(f -> f.funcName()).toList());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
        // The next call runs compiled again.
        assertArrayEquals(instantiate(EngineConfig.DEFAULT).invoke("sum", 10), instance.invoke("sum", 10));
        assertTrue(!instance.store().leaveCompiled, "compiled code stays switched off after the limit");
    }

    @Test
    void attachingMidLoopKeepsTheResult() throws Exception {
        long[] expected = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED)).invoke("sum", 40_000);
        for (Tier tier : new Tier[]{Tier.COMPILED, Tier.TIERED}) {
            Instance instance = instantiate(EngineConfig.DEFAULT.withTier(tier).withTierUpThreshold(1_000_000));
            CompletableFuture<long[]> run = CompletableFuture.supplyAsync(() -> instance.invoke("sum", 40_000));
            awaitCount(instance, 10_000_000);
            // A breakpoint where the loop never goes still sends every compiled frame to the interpreter.
            instance.store().debugger().addFunctionBreakpoint(instance, instance.function("run").funcIndex);
            assertArrayEquals(expected, run.get(60, TimeUnit.SECONDS), tier + ": the result changed when the frame moved");
            assertTrue(instance.store().leaveCompiled);
        }
    }
}
