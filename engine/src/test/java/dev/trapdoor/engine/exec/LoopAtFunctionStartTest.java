package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compiled frame that leaves for the interpreter at the header of a loop that starts its function: that header is
 * the interpreter's pc 0, which is also where a call starts, yet the frame keeps the locals it spilled (they were
 * zeroed as a new call's: a pause, or a breakpoint set mid-run in another function, lost the loop's sum).
 */
class LoopAtFunctionStartTest {
    private static final String MODULE = """
            (module
              (global $count (export "count") (mut i32) (i32.const 0))
              (global $stop (export "stop") (mut i32) (i32.const 0))
              (func $g (param i32) (result i32)
                local.get 0)
              (func (export "main") (result i32)
                (local $s i32)
                (loop $again
                  (local.set $s (i32.add (local.get $s) (i32.const 2)))
                  (global.set $count (i32.add (global.get $count) (i32.const 1)))
                  (br_if $again (i32.eqz (global.get $stop))))
                (call $g (local.get $s))))""";

    /** What makes compiled frames leave: a pause, or a breakpoint in a function the loop does not call. */
    enum Trigger { PAUSE, BREAKPOINT_ELSEWHERE }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void theLoopKeepsItsSumWhenItsFrameLeavesCompiledCode(Tier tier) throws Exception {
        for (Trigger trigger : Trigger.values()) {
            byte[] wasm = Wabt.wat(MODULE);
            Instance instance = new Store(EngineConfig.DEFAULT.withTier(tier).withTierUpThreshold(1))
                    .instantiate(Wasm.load(wasm), ImportResolver.NONE);
            Debugger debugger = instance.store().debugger();
            debugger.setEntryEvents(false);
            var sums = new CopyOnWriteArrayList<Long>();
            debugger.setHandler((event, frames) -> {
                sums.add(frames.get(frames.size() - 1).local(0));
                instance.global("stop").set(1);
                return Resume.CONTINUE;
            });
            CompletableFuture<long[]> run = CompletableFuture.supplyAsync(() -> instance.invoke("main"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (instance.global("count").get() < 100_000) {
                assertTrue(System.nanoTime() < deadline, "the program never got going");
                Thread.sleep(2);
            }
            String where = tier + ", " + trigger;
            if (tier == Tier.COMPILED) {
                assertTrue(instance.functions[1].jit != null, where + ": main runs compiled");
            }
            if (trigger == Trigger.PAUSE) {
                debugger.requestPause();
            } else {
                debugger.addBreakpoint(instance, Wabt.offsetOf(wasm, 0, "local.get 0", 0));
                // Long enough for the frame to leave at a header and go on in the interpreter.
                long before = instance.global("count").get();
                while (instance.global("count").get() < before + 100_000) {
                    assertTrue(System.nanoTime() < deadline, where + ": the loop stopped");
                    Thread.sleep(2);
                }
                instance.global("stop").set(1);
            }
            long sum = run.get(20, TimeUnit.SECONDS)[0];
            assertEquals(1, sums.size(), where + ": one stop");
            long count = instance.global("count").get();
            assertEquals(2 * count, sum, where);
            if (trigger == Trigger.BREAKPOINT_ELSEWHERE) {
                assertEquals(2 * count, sums.get(0), where + ": main's sum at the stop in g");
            } else {
                assertTrue(sums.get(0) > 0 && sums.get(0) <= 2 * count, where + ": main's sum at the pause");
            }
        }
    }
}
