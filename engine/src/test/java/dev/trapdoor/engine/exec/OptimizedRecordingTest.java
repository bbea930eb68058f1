package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording on the optimized translation ({@link OptimizedBlocks}) counts the same positions as one on the exact
 * translation: the same program, recorded at each level, stops at the same positions, and stepping back one
 * instruction at a time from there (across snapshots, loop iterations, a host call reading the clock) lands on the
 * same instructions with the same locals. The loop has fused code (a compare and branch, a scaled load, immediates)
 * and starts its function, so without the recording translation's {@code NOP} its back-edge would arrive at a block
 * start shared with the {@code loop} instruction's own block. With a snapshot every 97 instructions, snapshots are
 * taken while {@code main} waits in a call whose next instruction ({@code i32.const}) has no code of its own.
 */
class OptimizedRecordingTest {
    private static final String WAT = """
            (module
              (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
              (memory (export "memory") 1)
              (func $mix (param $n i32) (result i32) (local $i i32) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31))
                    (i32.load (i32.shl (i32.and (local.get $i) (i32.const 63)) (i32.const 2)))))
                  (i32.store (i32.shl (i32.and (local.get $i) (i32.const 63)) (i32.const 2))
                    (i32.xor (local.get $h) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $h))
              (func (export "main") (param $n i32) (result i32) (local $t i32)
                (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 512)))
                (local.set $t (i32.add (call $mix (local.get $n))
                  (i32.and (i32.load (i32.const 512)) (i32.const 0))))
                (drop (call $mix (i32.const 3)))
                (i32.div_u (local.get $t) (i32.sub (local.get $n) (local.get $n)))))
            """;
    private static final int N = 150;

    /** One stop or landing: position, function, module offset and the innermost frame's locals. */
    private record Seen(long position, int funcIndex, int moduleOffset, List<Long> locals) {
        static Seen of(long position, DebugFrame f) {
            List<Long> locals = new ArrayList<>();
            for (int i = 0; i < f.localCount(); i++) {
                locals.add(f.local(i));
            }
            return new Seen(position, f.funcIndex(), f.moduleOffset(), locals);
        }
    }

    @Test
    void theOptimizedCodeIsCountedNotReplacedByTheExactOne() {
        Fixture f = new Fixture(TranslationLevel.OPTIMIZED);
        CompiledFunction[] mixCode = new CompiledFunction[1];
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                mixCode[0] = f.instance.functions[1].code;
                return Resume.TERMINATE;
            }
            return Resume.CONTINUE;
        });
        assertNotNull(mixCode[0], "no trap");
        assertEquals(TranslationLevel.OPTIMIZED, mixCode[0].level);
        assertNotNull(mixCode[0].blockCountsIfMade().inner, "counted as optimized code");
    }

    @Test
    void steppingBackFromTheTrapLandsWhereTheExactRecordingDoes() {
        List<Seen> exact = stepBackFromTrap(TranslationLevel.EXACT, 700);
        List<Seen> optimized = stepBackFromTrap(TranslationLevel.OPTIMIZED, 700);
        assertEquals(701, exact.size());
        assertSameSeen(exact, optimized);
    }

    /**
     * Exact blocks that the optimized code has no code between: nested {@code end}s that branches reach from
     * different depths, a loop right after an {@code end}, a {@code return} before the function's last {@code end}.
     * Each gets a pc of its own in the recording's translation, so every function runs optimized code, and the
     * positions agree with the exact recording's.
     */
    @Test
    void blocksWithoutCodeOfTheirOwnAreCountedApart() {
        String wat = """
                (module
                  (memory 1)
                  (func $f (param $n i32) (result i32) (local $i i32) (local $s i32)
                    (block $out
                      (block $mid
                        (block $in
                          (br_if $in (i32.and (local.get $n) (i32.const 1)))
                          (br_if $mid (i32.and (local.get $n) (i32.const 2)))
                          (br_if $out (i32.and (local.get $n) (i32.const 4))))
                        (local.set $s (i32.add (local.get $s) (i32.const 1))))
                      (local.set $s (i32.add (local.get $s) (i32.const 2))))
                    (loop $l
                      (local.set $s (i32.add (local.get $s) (local.get $i)))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (return (local.get $s)))
                  (func (export "main") (param $n i32) (result i32) (local $k i32) (local $t i32)
                    (loop $outer
                      (local.set $t (i32.add (local.get $t) (call $f (local.get $k))))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (br_if $outer (i32.lt_u (local.get $k) (i32.const 40))))
                    (i32.div_u (local.get $t) (i32.sub (local.get $n) (local.get $n)))))
                """;
        Fixture counted = new Fixture(TranslationLevel.OPTIMIZED, wat);
        List<TranslationLevel> levels = new ArrayList<>();
        counted.run((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                for (FunctionInstance fn : counted.instance.functions) {
                    levels.add(fn.code.blockCountsIfMade() != null && fn.code.blockCountsIfMade().inner != null
                            ? fn.code.level : TranslationLevel.EXACT);
                }
                return Resume.TERMINATE;
            }
            return Resume.CONTINUE;
        });
        assertEquals(List.of(TranslationLevel.OPTIMIZED, TranslationLevel.OPTIMIZED), levels);
        List<Seen> fused = stepBackFromTrap(new Fixture(TranslationLevel.OPTIMIZED, wat), 600);
        List<Seen> exact = stepBackFromTrap(new Fixture(TranslationLevel.EXACT, wat), 600);
        assertEquals(601, exact.size());
        assertSameSeen(exact, fused);
    }

    @Test
    void aBreakpointInsideALoopBlockStopsAndStepsBackAsOnTheExactRecording() {
        byte[] wasm = Wat.compile("opt.wat", WAT).binary();
        // The i32.store's address computation: inside the loop body's block.
        int offset = offsetOf(wasm, 0x36, 0);
        List<Seen> exact = hitsAndStepsBack(TranslationLevel.EXACT, offset);
        List<Seen> optimized = hitsAndStepsBack(TranslationLevel.OPTIMIZED, offset);
        assertTrue(exact.size() > 10, "stops: " + exact.size());
        assertSameSeen(exact, optimized);
    }

    /**
     * A breakpoint asked for an instruction without code of its own in the optimized code ({@code $mix}'s
     * {@code i32.const 2}, folded with the {@code i32.shl} after it into a scaled load) stops at the load there, but at
     * the position of the instruction asked for, as on the exact recording; going back from it and hitting it again
     * lands where the exact recording's stops do (from the first rewind on, the breakpoint is on the exact code's
     * {@code i32.const}).
     */
    @Test
    void aBreakpointOnAnInstructionWithoutCodeStopsAtTheExactRecordingsPosition() {
        byte[] wasm = Wat.compile("opt.wat", WAT).binary();
        int offset = offsetOf(wasm, 0x28, 0) - 3;
        assertEquals(0x41, wasm[offset] & 0xFF, "the i32.const of the shift before $mix's load");
        List<Seen> exact = hitsAndStepsBack(TranslationLevel.EXACT, offset);
        List<Seen> optimized = hitsAndStepsBack(TranslationLevel.OPTIMIZED, offset);
        assertTrue(exact.size() > 5, "stops: " + exact.size());
        assertEquals(exact.stream().map(Seen::position).toList(), optimized.stream().map(Seen::position).toList());
        assertSameSeen(exact.subList(1, exact.size()), optimized.subList(1, optimized.size()));
    }

    /** Equal lists, reported at the first difference. */
    private static void assertSameSeen(List<Seen> exact, List<Seen> optimized) {
        for (int i = 0; i < Math.min(exact.size(), optimized.size()); i++) {
            assertEquals(exact.get(i), optimized.get(i), "stop " + i);
        }
        assertEquals(exact.size(), optimized.size());
    }

    private static List<Seen> stepBackFromTrap(TranslationLevel level, int steps) {
        return stepBackFromTrap(new Fixture(level), steps);
    }

    private static List<Seen> stepBackFromTrap(Fixture f, int steps) {
        List<Seen> seen = new ArrayList<>();
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Entry || event instanceof DebugEvent.WasmException) {
                return Resume.CONTINUE;
            }
            seen.add(Seen.of(f.recording.position() - 1, frames.get(0)));
            return seen.size() <= steps ? Resume.STEP_BACK_INSTRUCTION : Resume.TERMINATE;
        });
        return seen;
    }

    /** Stops at the first three hits of a breakpoint at {@code offset}, stepping back five instructions from each. */
    private static List<Seen> hitsAndStepsBack(TranslationLevel level, int offset) {
        Fixture f = new Fixture(level);
        f.debugger.addBreakpoint(f.instance, offset);
        List<Seen> seen = new ArrayList<>();
        int[] hits = {0};
        int[] back = {0};
        f.run((event, frames) -> {
            if (event instanceof DebugEvent.Entry || event instanceof DebugEvent.WasmException) {
                return Resume.CONTINUE;
            }
            if (event instanceof DebugEvent.Trap) {
                return Resume.TERMINATE;
            }
            seen.add(Seen.of(f.recording.position() - 1, frames.get(0)));
            if (back[0] > 0) {
                back[0]--;
                return back[0] > 0 ? Resume.STEP_BACK_INSTRUCTION : Resume.CONTINUE;
            }
            if (event instanceof DebugEvent.BreakpointHit && hits[0] < 3) {
                hits[0]++;
                back[0] = 5;
                return Resume.STEP_BACK_INSTRUCTION;
            }
            return hits[0] >= 3 ? Resume.TERMINATE : Resume.CONTINUE;
        });
        return seen;
    }

    /** The module offset of the {@code nth} instruction with opcode {@code op} (a byte search is enough here). */
    private static int offsetOf(byte[] wasm, int op, int nth) {
        WasmModule m = Wasm.load(wasm);
        int start = m.body(1).bodyOffset();
        for (int i = start; i < wasm.length; i++) {
            if ((wasm[i] & 0xFF) == op && nth-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no opcode " + op);
    }

    private static final class Fixture {
        final Instance instance;
        final Debugger debugger;
        final Recording recording;
        private final List<Throwable> failures = new ArrayList<>();

        Fixture(TranslationLevel level) {
            this(level, WAT);
        }

        Fixture(TranslationLevel level, String wat) {
            WasmModule module = Wasm.load(Wat.compile("opt.wat", wat).binary());
            Store store = new Store(EngineConfig.DEFAULT.withTranslation(level));
            WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build());
            instance = store.instantiate(module, new WasiImports(store, wasi));
            debugger = store.debugger();
            recording = debugger.record(instance, 97, Recording.DEFAULT_BUDGET_BYTES, true);
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
