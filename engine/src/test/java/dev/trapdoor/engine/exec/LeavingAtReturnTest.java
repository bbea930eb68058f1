package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A breakpoint set while a frame waits in a call, on straight-line code after that call, stops there when the call
 * returns: a compiled frame leaves for the interpreter at the poll after its call (not only at a loop header it would
 * never reach again), and an interpreted frame waiting in a call into compiled code moves to its exact code when the
 * call returns. The debugger is there from the start (a DAP launch) or attaches while the program runs. The
 * instruction after the call has code of its own in every translation (a {@code global.get}), or the optimized
 * translation aliases it away (a {@code local.get}): the frame then resumes right after the call in the exact code,
 * not at the next instruction the optimized code has code for.
 */
class LeavingAtReturnTest {
    private static final String MODULE = """
            (module
              (global $count (export "count") (mut i32) (i32.const 0))
              (global $stop (export "stop") (mut i32) (i32.const 0))
              (func $work
                (loop $again
                  (global.set $count (i32.add (global.get $count) (i32.const 1)))
                  (br_if $again (i32.eqz (global.get $stop)))))
              (func $middle (param $n i32) (result i32)
                (local $x i32)
                (local.set $x (i32.mul (local.get $n) (i32.const 3)))
                (call $work)
                (global.set $count (global.get $stop))
                (i32.add (local.get $x) (i32.const 1))
                (i32.mul (i32.const 2)))
              (func (export "main") (param $n i32) (result i32)
                (i32.add (call $middle (local.get $n)) (i32.const 100)))
            )""";

    /** The same, with the aliased {@code local.get} of {@code $x} right after the call. */
    private static final String ALIASED = MODULE.replace("(global.set $count (global.get $stop))", "");

    /**
     * The aliased case where work is compiled before middle calls it (main(0) warms it up), so middle's interpreted
     * frame waits in a call out of the interpreter into compiled code, not in an interpreted call that went on in
     * compiled code at its loop header.
     */
    private static final String WARMED = """
            (module
              (global $count (export "count") (mut i32) (i32.const 0))
              (global $stop (export "stop") (mut i32) (i32.const 0))
              (func $work (param $spin i32)
                (loop $again
                  (global.set $count (i32.add (global.get $count) (i32.const 1)))
                  (br_if $again (i32.and (local.get $spin) (i32.eqz (global.get $stop))))))
              (func $middle (param $n i32) (result i32)
                (local $x i32)
                (local.set $x (i32.mul (local.get $n) (i32.const 3)))
                (call $work (i32.const 1))
                (i32.add (local.get $x) (i32.const 1))
                (i32.mul (i32.const 2)))
              (func (export "main") (param $n i32) (result i32)
                (if (result i32) (local.get $n)
                  (then (i32.add (call $middle (local.get $n)) (i32.const 100)))
                  (else (call $work (i32.const 0)) (i32.const 0))))
            )""";

    enum Attach { AT_START, MID_RUN }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aBreakpointAfterTheCallStops(Tier tier) throws Exception {
        for (Attach attach : Attach.values()) {
            int at = Wabt.offsetOf(Wabt.wat(MODULE), 1, "global.get 1", 0);
            assertEquals("middle@" + at, stopAfterCall(MODULE, at, tier, attach), tier + ", debugger " + attach);
        }
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aBreakpointOnAnAliasedInstructionAfterTheCallStops(Tier tier) throws Exception {
        for (Attach attach : Attach.values()) {
            int at = Wabt.offsetOf(Wabt.wat(ALIASED), 1, "local.get 1", 0);
            assertEquals("middle@" + at, stopAfterCall(ALIASED, at, tier, attach), tier + ", debugger " + attach);
        }
    }

    /**
     * (A debugger that attaches while the frame waits in that call is not told about it: the frame keeps its old
     * code until it returns, see ARCHITECTURE.md.)
     */
    @Test
    void aBreakpointOnAnAliasedInstructionAfterACallIntoCompiledCodeStops() throws Exception {
        int at = Wabt.offsetOf(Wabt.wat(WARMED), 1, "local.get 1", 0);
        assertEquals("middle@" + at, stopAfterCall(WARMED, at, Tier.TIERED, Attach.AT_START));
    }

    private static String stopAfterCall(String module, int afterCall, Tier tier, Attach attach) throws Exception {
        Instance instance = new Store(EngineConfig.DEFAULT.withTier(tier).withTierUpThreshold(1))
                .instantiate(Wasm.load(Wabt.wat(module)), ImportResolver.NONE);
        AtomicReference<String> stop = new AtomicReference<>("none");
        if (attach == Attach.AT_START) {
            handle(instance, stop);
        }
        if (module.equals(WARMED)) {
            long warming = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (instance.functions[0].jit == null) {
                assertTrue(System.nanoTime() < warming, "work never compiled");
                instance.invoke("main", 0);
            }
        }
        int n = 7;
        CompletableFuture<long[]> run = CompletableFuture.supplyAsync(() -> instance.invoke("main", n));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (instance.global("count").get() < 1_000_000) {
            assertTrue(System.nanoTime() < deadline, "the program never got going");
            Thread.sleep(5);
        }
        if (tier == Tier.COMPILED) {
            // (Tiered, middle's frame began interpreted and stays so: it waits in a call into compiled or
            // interpreted work, the other two cases.)
            assertNotNull(instance.functions[1].jit, "middle runs compiled");
        }
        if (attach == Attach.MID_RUN) {
            handle(instance, stop);
        }
        instance.store().debugger().addInstructionBreakpoint(instance, afterCall);
        // The breakpoint sends work's frame to the interpreter at its loop header, which reads the flag: this case
        // returns from the interpreter. (Ending the loop before it polls, the frame returns from compiled code, which
        // BridgeToExactCodeTest covers without a race.)
        Thread.sleep(100);
        instance.global("stop").set(1);
        assertEquals(2 * (3 * n + 1) + 100, (int) run.get(60, TimeUnit.SECONDS)[0]);
        return stop.get();
    }

    private static void handle(Instance instance, AtomicReference<String> stop) {
        instance.store().debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                stop.compareAndSet("none", frames.get(0).functionName() + "@" + frames.get(0).moduleOffset());
            }
            return Resume.CONTINUE;
        });
    }
}
