package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording counts a block at a time ({@link BlockCounts}); the instruction-at-a-time count is the ground truth.
 * A first run steps through every instruction of a program with calls, recursion, loops, {@code if}, {@code br_table}
 * nested {@code block}s, an {@code if} without {@code else}, a caught exception and a trap in the middle of a
 * block, and notes which instruction has which position. A recorded run with breakpoints then checks that each
 * stop's position names the instruction it stopped at, and that stepping back any number of instructions lands on
 * the instruction the first run had there.
 */
class RecordingBlockCountTest {
    private static final String WAT = """
            (module (memory 1)
              (tag $e (param i32))
              (func $nest (param i32) (result i32) (local $r i32)
                (block $x (block $y
                  (if (i32.and (local.get 0) (i32.const 1)) (then (local.set $r (i32.const 3))))
                  (br_if $y (i32.and (local.get 0) (i32.const 2)))
                  (local.set $r (i32.add (local.get $r) (i32.const 5)))
                  (br $x))
                  (local.set $r (i32.mul (local.get $r) (i32.const 2))))
                (local.get $r))
              (func $maybeThrow (param i32) (result i32)
                (if (i32.eqz (i32.rem_u (local.get 0) (i32.const 3))) (then (throw $e (local.get 0))))
                (i32.add (local.get 0) (i32.const 1)))
              (func $guard (param i32) (result i32)
                (i32.add (i32.const 100)
                  (block $h (result i32)
                    (return (try_table (result i32) (catch $e $h) (call $maybeThrow (local.get 0)))))))
              (func $fib (param i32) (result i32)
                (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
                  (then (local.get 0))
                  (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                 (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
              (func $fill (param $n i32) (local $i i32)
                (loop $l
                  (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (i32.const 7)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
              (func $classify (param i32) (result i32)
                (block $d (block $c (block $b (block $a
                  (br_table $a $b $c $d (i32.rem_u (local.get 0) (i32.const 4))))
                  (return (i32.const 10))) (return (i32.const 20))) (return (i32.const 30)))
                (i32.const 40))
              (func $run (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (call $fill (local.get $n))
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $acc (i32.add (local.get $acc)
                    (i32.add (call $classify (i32.load (i32.shl (local.get $i) (i32.const 2))))
                             (call $fib (i32.and (local.get $i) (i32.const 7))))))
                  (local.set $acc (i32.add (local.get $acc)
                    (i32.add (call $nest (local.get $i)) (call $guard (local.get $i)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $acc))
              (func (export "main") (param $n i32) (result i32)
                (drop (call $run (local.get $n)))
                (i32.div_u (i32.add (i32.const 1) (i32.const 2)) (i32.sub (local.get $n) (local.get $n)))))
            """;
    private static final int N = 12;

    /** Per position, the instruction there: function index and module offset. */
    private final List<long[]> trace = new ArrayList<>();

    @Test
    void blockCountsNameTheSameInstructionsAsCountingEachOne() {
        traceEveryInstruction();
        assertTrue(trace.size() > 1000, "instructions: " + trace.size());
        int[] breakpointsAt = {trace.size() / 5, trace.size() / 2, trace.size() * 4 / 5};
        Fixture f = new Fixture(false);
        for (int p : breakpointsAt) {
            f.debugger.addBreakpoint(f.instance, (int) trace.get(p)[1]);
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int[] traps = {0};
        int[] landings = {0};
        long[] from = {-1};
        int[] depth = {0};
        long[] expect = {-1};
        f.run((event, frames) -> {
            long here = f.recording.position() - 1;
            if (event instanceof DebugEvent.Entry || event instanceof DebugEvent.WasmException) {
                return Resume.CONTINUE;
            }
            if (event instanceof DebugEvent.Trap t) {
                // The trap's instruction is in the middle of a block: its position comes from the block's end.
                assertEquals(trace.get(trace.size() - 1)[1], t.moduleOffset());
                from[0] = trace.size() - 1;
                expect[0] = from[0] - 1;
                depth[0] = 60;
                return traps[0]++ == 0 ? Resume.STEP_BACK_INSTRUCTION : Resume.TERMINATE;
            }
            assertSame(trace.get((int) here), frames.get(0), "stop at position " + here);
            if (event instanceof DebugEvent.BreakpointHit) {
                if (!seen.add(here)) {
                    return Resume.CONTINUE;
                }
                from[0] = here;
                expect[0] = here - 1;
                // Far back from the first hit (across snapshots and calls), a little from the others.
                depth[0] = seen.size() == 1 ? 250 : 3;
                return Resume.STEP_BACK_INSTRUCTION;
            }
            assertInstanceOf(DebugEvent.Step.class, event);
            landings[0]++;
            assertEquals(expect[0], here, "one instruction back");
            expect[0] = here - 1;
            return from[0] - here < depth[0] && here > 0 ? Resume.STEP_BACK_INSTRUCTION : Resume.CONTINUE;
        });
        // The breakpoints are in loops and recursion: each hit is a stop, and a few instructions back from each.
        assertTrue(seen.size() >= breakpointsAt.length, "breakpoint stops: " + seen);
        assertEquals(2, traps[0]);
        assertTrue(landings[0] >= 250 + 60, "landings: " + landings[0]);
    }

    /**
     * A loop body's first instruction continues the block of its loop, and a back-edge's poll counts each arrival
     * there: a breakpoint there stops at every iteration at the right position, and steps back from it land right.
     */
    @Test
    void aBreakpointAtALoopBodysFirstInstructionStopsAtEachArrival() {
        traceEveryInstruction();
        byte[] wasm = Wat.compile("blocks.wat", WAT).binary();
        List<Long> arrivals = new ArrayList<>();
        long bodyOffset = -1;
        for (int i = 1; i < trace.size(); i++) {
            if (wasm[(int) trace.get(i - 1)[1]] == 0x03 && trace.get(i - 1)[0] == trace.get(i)[0]) {
                bodyOffset = bodyOffset < 0 ? trace.get(i)[1] : bodyOffset;
            }
        }
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i)[1] == bodyOffset) {
                arrivals.add((long) i);
            }
        }
        assertTrue(arrivals.size() > 3, "arrivals at the loop body: " + arrivals);
        Fixture f = new Fixture(false);
        f.debugger.addBreakpoint(f.instance, (int) bodyOffset);
        List<Long> hits = new ArrayList<>();
        long[] expect = {-1};
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Entry || event instanceof DebugEvent.WasmException) {
                return Resume.CONTINUE;
            }
            if (event instanceof DebugEvent.Trap) {
                return Resume.TERMINATE;
            }
            long here = f.recording.position() - 1;
            assertSame(trace.get((int) here), frames.get(0), "stop at position " + here);
            if (event instanceof DebugEvent.BreakpointHit && expect[0] < 0) {
                if (!hits.isEmpty() && hits.get(hits.size() - 1) == here) {
                    return Resume.CONTINUE; // the arrival stepped back from, reached again
                }
                hits.add(here);
                expect[0] = here - 1;
                return Resume.STEP_BACK_INSTRUCTION;
            }
            assertEquals(expect[0], here, "one instruction back");
            // Two back, then on to the next arrival (the first stop there is the landing's own breakpoint).
            if (here <= hits.get(hits.size() - 1) - 2) {
                expect[0] = -2;
                return Resume.CONTINUE;
            }
            expect[0] = here - 1;
            return Resume.STEP_BACK_INSTRUCTION;
        });
        assertEquals(arrivals, hits);
    }

    @Test
    void steppingBackFromTheTrapToTheStartLandsOnEveryInstructionInTurn() {
        traceEveryInstruction();
        Fixture f = new Fixture(false);
        long[] expect = {-1};
        int[] landings = {0};
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Entry || event instanceof DebugEvent.WasmException) {
                return Resume.CONTINUE;
            }
            long here = f.recording.position() - 1;
            if (event instanceof DebugEvent.Trap) {
                expect[0] = trace.size() - 2;
                return expect[0] >= 0 ? Resume.STEP_BACK_INSTRUCTION : Resume.TERMINATE;
            }
            if (expect[0] < 0) {
                return Resume.TERMINATE;
            }
            assertEquals(expect[0], here, "one instruction back");
            assertSame(trace.get((int) here), frames.get(0), "landing at position " + here);
            landings[0]++;
            expect[0] = here - 1;
            return here > 0 ? Resume.STEP_BACK_INSTRUCTION : Resume.TERMINATE;
        });
        assertEquals(trace.size() - 1, landings[0]);
    }

    @Test
    void reverseContinueFromTheTrapLandsOnTheLastBreakpointHit() {
        traceEveryInstruction();
        int p = trace.size() * 3 / 5;
        Fixture f = new Fixture(false);
        f.debugger.addBreakpoint(f.instance, (int) trace.get(p)[1]);
        long last = -1;
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i)[1] == trace.get(p)[1]) {
                last = i;
            }
        }
        long expected = last;
        int[] stops = {0};
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.WasmException) {
                return Resume.CONTINUE;
            }
            stops[0]++;
            if (event instanceof DebugEvent.Entry) {
                f.debugger.removeBreakpoint(f.debugger.breakpoints().get(0));
                return Resume.CONTINUE;
            }
            if (event instanceof DebugEvent.Trap) {
                f.debugger.addBreakpoint(f.instance, (int) trace.get(p)[1]);
                return stops[0] < 5 ? Resume.REVERSE_CONTINUE : Resume.TERMINATE;
            }
            assertEquals(expected, f.recording.position() - 1);
            assertSame(trace.get((int) expected), frames.get(0), "landing");
            return Resume.TERMINATE;
        });
        assertEquals(3, stops[0]);
    }

    /**
     * The dispatch loop counts blocks itself and leaves only when a snapshot is due: the snapshots (every 97
     * instructions) and the trap's position are those of a recording that leaves the loop at every block start.
     */
    @Test
    void countingBlocksInTheLoopSnapshotsAtTheSamePositionsAsAtEveryBlock() {
        List<Long> inLoop = snapshotsUpToTheTrap(false);
        List<Long> atHooks = snapshotsUpToTheTrap(true);
        assertTrue(inLoop.size() > 20, "snapshots: " + inLoop);
        assertEquals(atHooks, inLoop);
    }

    /** The positions of the snapshots at the trap, then the trap's own. */
    private static List<Long> snapshotsUpToTheTrap(boolean atHooks) {
        Fixture f = new Fixture(false);
        if (atHooks) {
            f.recording.countBlocksAtHooks();
        }
        List<Long> out = new ArrayList<>();
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                for (int i = 0; i < f.recording.snapshotCount(); i++) {
                    out.add(f.recording.snapshot(i).position);
                }
                out.add(f.recording.position());
                return Resume.TERMINATE;
            }
            return Resume.CONTINUE;
        });
        boolean counted = false;
        for (FunctionInstance fn : f.instance.functions) {
            BlockCounts b = fn.code == null ? null : fn.code.blockCountsIfMade();
            for (int op : b == null ? new int[0] : b.recordCode) {
                counted |= op < 0;
            }
        }
        assertTrue(counted, "the record code has block starts the loop counts");
        return out;
    }

    private static void assertSame(long[] expected, DebugFrame frame, String what) {
        assertEquals(expected[0] + "@" + expected[1], frame.funcIndex() + "@" + frame.moduleOffset(), what);
    }

    /** Steps into every instruction with the instruction-at-a-time count, noting each position's instruction. */
    private void traceEveryInstruction() {
        Fixture f = new Fixture(true);
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                return Resume.TERMINATE;
            }
            if (event instanceof DebugEvent.WasmException) {
                // A second stop at the throw instruction the step stopped at already.
                return Resume.STEP_INTO;
            }
            assertEquals(trace.size(), f.recording.position() - 1, "positions count every instruction");
            trace.add(new long[] {frames.get(0).funcIndex(), frames.get(0).moduleOffset()});
            return Resume.STEP_INTO;
        });
    }

    private static final class Fixture {
        final Instance instance;
        final Debugger debugger;
        final Recording recording;
        private final List<Throwable> failures = new ArrayList<>();

        Fixture(boolean everyInstruction) {
            WasmModule module = Wasm.load(Wat.compile("blocks.wat", WAT).binary());
            Store store = new Store(EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
            instance = store.instantiate(module, ImportResolver.NONE);
            debugger = store.debugger();
            recording = debugger.record(instance, 97, Recording.DEFAULT_BUDGET_BYTES);
            if (everyInstruction) {
                recording.countEveryInstruction();
            }
        }

        void run(BiFunction<DebugEvent, List<DebugFrame>, Resume> atStop) {
            debugger.setHandler((event, frames) -> {
                try {
                    return atStop.apply(event, frames);
                } catch (Throwable t) {
                    failures.add(t);
                    return Resume.TERMINATE;
                }
            });
            try {
                instance.function("main").call(N);
            } catch (Trap | DebugTerminated expected) {
                // the program ends in a division by zero, or the handler ended it
            }
            if (!failures.isEmpty()) {
                Throwable first = failures.get(0);
                throw first instanceof AssertionError e ? e : new AssertionError(first);
            }
        }
    }
}
