package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakpoints, stepping, pause and frame state on a C program compiled by clang. */
class SteppingTest {
    @Test
    void entryEventComesBeforeTheFirstInstruction() {
        Debuggee d = new Debuggee();
        Recorder r = new Recorder((e, f) -> Resume.CONTINUE);
        d.debugger.setHandler(r);
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        assertEquals(1, r.stops.size());
        DebugEvent.Entry entry = assertInstanceOf(DebugEvent.Entry.class, r.stops.get(0).event());
        assertEquals("sum_squares", entry.functionName());
        assertEquals(d.offset("sum_squares", "global.get", 0), r.stops.get(0).moduleOffset());
    }

    @Test
    void functionBreakpointHitsOnEveryCallWithLocalsReadable() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        List<Long> args = new java.util.ArrayList<>();
        Recorder r = new Recorder((e, frames) -> {
            args.add(frames.get(0).local(0));
            return Resume.CONTINUE;
        });
        d.debugger.setHandler(r);
        Breakpoint bp = d.debugger.addFunctionBreakpoint(d.instance, d.func("square"));
        assertEquals(d.offset("square", "global.get", 0), bp.moduleOffset());
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        assertEquals(List.of(0L, 1L, 2L, 3L), args);
        Recorder.Stop first = r.stops.get(0);
        assertEquals(List.of("square", "sum_squares"), first.stack());
        assertEquals(new DebugEvent.BreakpointHit(bp), first.event());

        d.debugger.removeBreakpoint(bp);
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        assertEquals(4, r.stops.size(), "no hits after removal");
    }

    @Test
    void breakpointInsideAnInstructionSlipsToTheNextBoundary() {
        Debuggee d = new Debuggee();
        int mul = d.offset("square", "i32.mul", 0);
        Breakpoint exact = d.debugger.addBreakpoint(d.instance, mul);
        assertEquals(mul, exact.moduleOffset(), "an instruction boundary stays put");
        int load = d.offset("square", "i32.load", 0);
        List<Integer> boundaries = Wabt.disassemble(d.wasm).stream().map(Wabt.Line::moduleOffset).toList();
        Breakpoint inside = d.debugger.addBreakpoint(d.instance, load + 1);
        assertEquals(load + 1, inside.requestedOffset());
        assertTrue(inside.moduleOffset() > load, "moved forward, past the instruction it fell into");
        assertTrue(boundaries.contains(inside.moduleOffset()), "landed on an instruction boundary");
        assertEquals(inside.moduleOffset(), d.debugger.addBreakpoint(d.instance, inside.moduleOffset()).moduleOffset(),
                "a boundary with code stays put");
    }

    @Test
    void settingALocalChangesTheResult() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        AtomicInteger hits = new AtomicInteger();
        d.debugger.setHandler((e, frames) -> {
            if (hits.getAndIncrement() == 0) {
                frames.get(0).setLocal(0, 10);
                assertEquals(10, frames.get(0).local(0));
            }
            return Resume.CONTINUE;
        });
        d.debugger.addFunctionBreakpoint(d.instance, d.func("square"));
        assertEquals(100 + 1 + 4, d.instance.invoke("sum_squares", 3)[0]);
    }

    @Test
    void stepIntoEntersTheCallee() {
        Debuggee d = new Debuggee();
        Recorder r = new Recorder((e, f) -> f.get(0).functionName().equals("square") ? Resume.CONTINUE
                : Resume.STEP_INTO);
        d.debugger.setHandler(r);
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        Recorder.Stop last = r.stops.get(r.stops.size() - 1);
        assertEquals(List.of("square", "sum_squares"), last.stack());
        assertEquals(d.offset("square", "global.get", 0), last.moduleOffset(), "first instruction of square");
        List<Integer> offsets = r.stops.stream().map(Recorder.Stop::moduleOffset).toList();
        assertEquals(offsets.stream().distinct().count(), offsets.size(), "every step moved to a new instruction");
    }

    @Test
    void stepOverRunsCallsThroughAndWalksEveryInstructionOfTheFrame() {
        Debuggee d = new Debuggee();
        Recorder r = new Recorder((e, f) -> Resume.STEP_OVER);
        d.debugger.setHandler(r);
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        assertTrue(r.stops.size() > 40, "stopped at each instruction: " + r.stops.size());
        assertTrue(r.stops.stream().allMatch(s -> s.frames() == 1 && s.function().equals("sum_squares")),
                "never stopped inside square");
        int call = d.offset("sum_squares", "call", 0);
        assertEquals(4, r.stops.stream().filter(s -> s.moduleOffset() == call).count(), "the call line, four times");
    }

    @Test
    void stepOutStopsInTheCallerAfterTheCall() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        Recorder r = new Recorder((e, f) -> e instanceof DebugEvent.BreakpointHit ? Resume.STEP_OUT : Resume.TERMINATE);
        d.debugger.setHandler(r);
        d.debugger.addFunctionBreakpoint(d.instance, d.func("square"));
        assertThrows(DebugTerminated.class, () -> d.instance.invoke("sum_squares", 4));
        Recorder.Stop out = r.stops.get(1);
        assertInstanceOf(DebugEvent.Step.class, out.event());
        assertEquals(List.of("sum_squares"), out.stack());
        int call = d.offset("sum_squares", "call", 0);
        int afterCall = Wabt.disassemble(d.wasm).stream().filter(l -> l.moduleOffset() > call).findFirst()
                .orElseThrow().moduleOffset();
        assertEquals(afterCall, out.moduleOffset(), "the instruction right after the call");
    }

    @Test
    void rangeStepRunsUntilThePcLeavesTheRange() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        int from = d.offset("sum_squares", "i32.const", 0);
        int callOffset = d.offset("sum_squares", "call", 0);
        Breakpoint bp = d.debugger.addBreakpoint(d.instance, from);
        Recorder r = new Recorder((e, f) -> e instanceof DebugEvent.BreakpointHit
                ? Resume.whileInRange(from, callOffset + 1) : Resume.TERMINATE);
        d.debugger.setHandler(r);
        assertThrows(DebugTerminated.class, () -> d.instance.invoke("sum_squares", 4));
        assertEquals(bp.moduleOffset(), r.stops.get(0).moduleOffset());
        Recorder.Stop after = r.stops.get(1);
        assertInstanceOf(DebugEvent.Step.class, after.event());
        assertEquals(List.of("sum_squares"), after.stack(), "the call inside the range ran through");
        assertTrue(after.moduleOffset() > callOffset, "stopped at the first instruction past the range");

        Debuggee d2 = new Debuggee();
        d2.debugger.setEntryEvents(false);
        d2.debugger.addBreakpoint(d2.instance, from);
        Recorder into = new Recorder((e, f) -> e instanceof DebugEvent.BreakpointHit
                ? Resume.whileInRangeInto(from, callOffset + 1) : Resume.TERMINATE);
        d2.debugger.setHandler(into);
        assertThrows(DebugTerminated.class, () -> d2.instance.invoke("sum_squares", 4));
        assertEquals(List.of("square", "sum_squares"), into.stops.get(1).stack(), "range-into stops in the callee");
    }

    @Test
    void pauseFromAnotherThreadStopsAnInfiniteLoopAndBreakpointsCanBeAddedWhileItRuns() throws Exception {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        CountDownLatch paused = new CountDownLatch(1);
        AtomicReference<Integer> pauseOffset = new AtomicReference<>();
        AtomicReference<DebugEvent> second = new AtomicReference<>();
        d.debugger.setHandler((e, frames) -> {
            if (e instanceof DebugEvent.Pause) {
                assertEquals("spin", frames.get(0).functionName());
                pauseOffset.set(frames.get(0).moduleOffset());
                paused.countDown();
                return Resume.CONTINUE;
            }
            second.set(e);
            return Resume.TERMINATE;
        });
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                d.instance.invoke("spin");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(50);
        d.debugger.requestPause();
        assertTrue(paused.await(10, TimeUnit.SECONDS), "paused");
        Breakpoint bp = d.debugger.addBreakpoint(d.instance, pauseOffset.get());
        Throwable ended = run.get(10, TimeUnit.SECONDS);
        assertInstanceOf(DebugTerminated.class, ended);
        assertEquals(new DebugEvent.BreakpointHit(bp), second.get());
    }

    @Test
    void frameViewsExpireWhenTheProgramResumes() {
        Debuggee d = new Debuggee();
        AtomicReference<DebugFrame> kept = new AtomicReference<>();
        d.debugger.setHandler((e, frames) -> {
            kept.set(frames.get(0));
            assertTrue(frames.get(0).isValid());
            return Resume.CONTINUE;
        });
        d.instance.invoke("sum_squares", 2);
        assertFalse(kept.get().isValid());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get().local(0));
        assertTrue(e.getMessage().contains("resumed"), e.getMessage());
    }

    @Test
    void trapInCShowsOperandsWithTypesAndLocals() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        AtomicReference<String> seen = new AtomicReference<>();
        d.debugger.setHandler((e, frames) -> {
            DebugFrame f = frames.get(0);
            StringBuilder sb = new StringBuilder(f.functionName()).append(':');
            for (int i = 0; i < f.stackHeight(); i++) {
                sb.append(' ').append(f.stackType(i)).append('=').append(f.stack(i));
            }
            sb.append(" params=").append(f.local(0)).append(',').append(f.local(1));
            seen.set(sb.toString());
            return Resume.CONTINUE;
        });
        Trap t = assertThrows(Trap.class, () -> d.instance.invoke("divide", 7, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        assertEquals(d.offset("divide", "i32.div_s", 0), t.moduleOffset());
        assertEquals("divide: i32=7 i32=0 params=7,0", seen.get());
    }

    @Test
    void deepRecursionExhaustsTheConfiguredDepth() {
        Debuggee d = new Debuggee(EngineConfig.DEFAULT.withMaxCallDepth(500));
        assertEquals(400, d.instance.invoke("depth", 400)[0]);
        Trap t = assertThrows(Trap.class, () -> d.instance.invoke("depth", 1_000_000));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
        assertEquals(501, t.stack().size());
    }
}
