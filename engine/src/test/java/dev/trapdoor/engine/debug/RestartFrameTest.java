package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Resume#restartFrame}: re-entering a frame of the debuggee with the arguments it was called with. */
class RestartFrameTest {
    @Test
    void restartingTheCallerRunsItsLoopAgainFromTheStart() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        List<Long> squared = new ArrayList<>();
        List<String> restartStop = new ArrayList<>();
        d.debugger.addFunctionBreakpoint(d.instance, d.func("square"));
        Recorder r = new Recorder((e, frames) -> {
            if (e instanceof DebugEvent.Step) {
                restartStop.add(frames.get(0).functionName() + "(" + frames.get(0).local(0) + ") of "
                        + frames.size());
                return Resume.CONTINUE;
            }
            squared.add(frames.get(0).local(0));
            if (squared.size() == 3) {
                assertNull(d.debugger.whyNotRestartable(1));
                return Resume.restartFrame(1);
            }
            return Resume.CONTINUE;
        });
        d.debugger.setHandler(r);

        assertEquals(14, d.instance.invoke("sum_squares", 4)[0], "the restarted loop starts from s = 0 again");
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L, 3L), squared);
        assertEquals(List.of("sum_squares(4) of 1"), restartStop);
        DebugEvent.Step step = assertInstanceOf(DebugEvent.Step.class, r.stops.get(3).event());
        assertNotNull(step);
        int entry = d.debugger.addFunctionBreakpoint(d.instance, d.func("sum_squares")).moduleOffset();
        assertEquals(entry, r.stops.get(3).moduleOffset(), "stopped at the function's first instruction");
    }

    @Test
    void restartingTheInnermostFrameKeepsItsArgumentAndItsCallers() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        d.debugger.addFunctionBreakpoint(d.instance, d.func("depth"));
        List<String> seen = new ArrayList<>();
        int[] hits = {0};
        d.debugger.setHandler((e, frames) -> {
            seen.add(e.getClass().getSimpleName() + " n=" + frames.get(0).local(0) + " frames=" + frames.size());
            if (e instanceof DebugEvent.BreakpointHit && ++hits[0] == 3) {
                // n = 1 at depth 3: set the argument, restart, and the recursion goes one level deeper
                frames.get(0).setLocal(0, 2);
                return Resume.restartFrame(0);
            }
            return Resume.CONTINUE;
        });
        assertEquals(4, d.instance.invoke("depth", 3)[0]);
        assertEquals(List.of("BreakpointHit n=3 frames=1", "BreakpointHit n=2 frames=2",
                "BreakpointHit n=1 frames=3", "Step n=2 frames=3", "BreakpointHit n=1 frames=4",
                "BreakpointHit n=0 frames=5"), seen);
    }

    @Test
    void restartingAnOuterFrameDropsTheFramesAboveIt() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        d.debugger.addFunctionBreakpoint(d.instance, d.func("depth"));
        List<String> seen = new ArrayList<>();
        boolean[] restarted = {false};
        d.debugger.setHandler((e, frames) -> {
            seen.add(e.getClass().getSimpleName() + " n=" + frames.get(0).local(0) + " frames=" + frames.size());
            if (frames.get(0).local(0) == 0 && !restarted[0]) {
                restarted[0] = true;
                return Resume.restartFrame(2); // depth(2), two frames above it
            }
            return Resume.CONTINUE;
        });
        assertEquals(3, d.instance.invoke("depth", 3)[0]);
        assertEquals(List.of("BreakpointHit n=3 frames=1", "BreakpointHit n=2 frames=2",
                "BreakpointHit n=1 frames=3", "BreakpointHit n=0 frames=4", "Step n=2 frames=2",
                "BreakpointHit n=1 frames=3", "BreakpointHit n=0 frames=4"), seen);
    }

    @Test
    void restartWorksWhenTheFunctionsRunCompiled() {
        Debuggee d = new Debuggee(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        d.debugger.setEntryEvents(false);
        d.debugger.addFunctionBreakpoint(d.instance, d.func("square"));
        List<Long> squared = new ArrayList<>();
        d.debugger.setHandler((e, frames) -> {
            if (e instanceof DebugEvent.BreakpointHit) {
                squared.add(frames.get(0).local(0));
                if (squared.size() == 2) {
                    return Resume.restartFrame(1);
                }
            }
            return Resume.CONTINUE;
        });
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        assertEquals(List.of(0L, 1L, 0L, 1L, 2L, 3L), squared);
    }

    @Test
    void aPausedLoopRestartsAtItsFunctionsFirstInstruction() throws Exception {
        Debuggee d = new Debuggee(EngineConfig.DEFAULT.withTier(Tier.TIERED));
        d.debugger.setEntryEvents(false);
        int entry = d.debugger.addFunctionBreakpoint(d.instance, d.func("spin")).moduleOffset();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        d.debugger.setHandler((e, frames) -> {
            seen.add(e.getClass().getSimpleName() + (frames.get(0).moduleOffset() == entry ? " at entry" : ""));
            if (e instanceof DebugEvent.BreakpointHit) {
                d.debugger.removeBreakpoint(((DebugEvent.BreakpointHit) e).breakpoint());
                started.countDown();
                return Resume.CONTINUE;
            }
            return e instanceof DebugEvent.Pause ? Resume.restartFrame(0) : Resume.TERMINATE;
        });
        var run = java.util.concurrent.CompletableFuture.runAsync(() -> d.instance.invoke("spin"));
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(50);
        d.debugger.requestPause();
        var ended = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> run.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(DebugTerminated.class, ended.getCause());
        assertEquals(List.of("BreakpointHit at entry", "Pause", "Step at entry"), seen);
    }

    @Test
    void framesThatCannotRestartSaySo() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        List<String> why = new ArrayList<>();
        d.debugger.setHandler((e, frames) -> {
            why.add(d.debugger.whyNotRestartable(0));
            why.add(d.debugger.whyNotRestartable(frames.size()));
            return Resume.CONTINUE;
        });
        assertThrows(Trap.class, () -> d.instance.invoke("divide", 1, 0));
        assertTrue(why.get(0).contains("only at a breakpoint, a step or a pause"), why.get(0));

        why.clear();
        d.debugger.addFunctionBreakpoint(d.instance, d.func("divide"));
        assertThrows(Trap.class, () -> d.instance.invoke("divide", 1, 0));
        assertNull(why.get(0));
        assertEquals("there is no frame 1", why.get(1));
    }

    @Test
    void aFunctionThatAssignsItsParametersCannotRestart() {
        byte[] wasm = Wat.compile("p.wat", """
                (module
                  (func $bump (export "bump") (param $x i32) (result i32)
                    (local.set $x (i32.add (local.get $x) (i32.const 1)))
                    (local.get $x)))""").binary();
        Store store = new Store(EngineConfig.DEFAULT);
        Instance instance = store.instantiate(Wasm.load(wasm), ImportResolver.NONE);
        List<String> why = new ArrayList<>();
        store.debugger().setHandler((e, frames) -> {
            why.add(store.debugger().whyNotRestartable(0));
            return Resume.CONTINUE;
        });
        assertEquals(6L, instance.invoke("bump", 5)[0]);
        assertEquals(List.of("'bump' assigns its parameters, so the values it was called with are gone"), why);
    }
}
