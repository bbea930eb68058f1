package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compiled frame paused at a poll (a loop header or right after a call) shows the operands below the poll's height
 * with their values, though the slots above it (written in the loop, dead at the poll) reach the exit zeroed
 * ({@code compile.PollExits}); and the program, resumed in the interpreter, computes what it computes uncompiled.
 * The surefire run with {@code -Dtrapdoor.jit.pollExitStubs=false} checks the same without the stubs.
 */
class PollExitOperandsTest {
    /**
     * {@code run(x)}: {@code 3x} waits on the operand stack under a loop that calls {@code $step} until the global
     * reaches {@code $limit}, then adds 5 (and the limit) to it. The loop's own operands live above {@code 3x}.
     */
    private static final String MODULE = """
            (module
              (global $count (export "count") (mut i32) (i32.const 0))
              (global $limit (export "limit") (mut i32) (i32.const 0))
              (func $step (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "run") (param $x i32) (result i32)
                (i32.add (i32.mul (local.get $x) (i32.const 3))
                  (loop $l (result i32)
                    (global.set $count (call $step (global.get $count)))
                    (br_if $l (i32.ne (i32.xor (global.get $count) (i32.const 77)) (i32.xor (global.get $limit) (i32.const 77))))
                    (i32.add (global.get $limit) (i32.const 5))))))""";

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @Test
    void aPausedLoopShowsTheOperandUnderItAndFinishesAsUncompiled() throws Exception {
        int limit = 2_000_000_000;
        Instance reference = instantiate(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        reference.global("limit").set(1_000);
        long[] small = reference.invoke("run", 14);
        assertEquals(3 * 14 + 1_000 + 5, (int) small[0]);

        Instance instance = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertNotNull(instance.function("run").jit, "run should be compiled");
        instance.global("limit").set(limit);
        CompletableFuture<long[]> run = CompletableFuture.supplyAsync(() -> instance.invoke("run", 14));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (instance.global("count").get() < 1_000_000) {
            assertTrue(System.nanoTime() < deadline, "the program never got going");
            Thread.sleep(5);
        }
        CountDownLatch paused = new CountDownLatch(1);
        AtomicReference<long[]> operands = new AtomicReference<>();
        Debugger debugger = instance.store().debugger();
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.Pause && operands.get() == null) {
                var top = frames.get(0);
                long[] seen = new long[top.stackHeight() + 1];
                seen[0] = top.funcIndex();
                for (int i = 0; i < top.stackHeight(); i++) {
                    seen[i + 1] = top.stack(i);
                }
                operands.set(seen);
                // The rest of the loop runs in the interpreter: shorten it.
                instance.global("limit").set(instance.global("count").get() + 1_000);
                paused.countDown();
            }
            return Resume.CONTINUE;
        });
        debugger.requestPause();
        assertTrue(paused.await(10, TimeUnit.SECONDS), "the compiled loop never paused");
        long[] seen = operands.get();
        assertEquals(instance.function("run").funcIndex, (int) seen[0], "paused in run, at its loop's poll");
        // At the header: 3x alone; right after the call: 3x and the call's result.
        assertTrue(seen.length == 2 || seen.length == 3, "operand stack height " + (seen.length - 1));
        assertEquals(42, (int) seen[1], "the operand under the loop");
        long[] result = run.get(60, TimeUnit.SECONDS);
        assertArrayEquals(new long[]{42 + instance.global("limit").get() + 5}, new long[]{(int) result[0]});
    }
}
