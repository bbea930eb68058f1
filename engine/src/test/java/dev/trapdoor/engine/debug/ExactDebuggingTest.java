package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.TranslationLevel;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instruction-exact debugging of clang -O0 code ({@code debuggee.c}): a function the debugger retranslates at the
 * exact level stops at every instruction {@code wasm-objdump -d} lists, steps one instruction at a time, and lets
 * every operand be set.
 */
class ExactDebuggingTest {
    private static final Set<String> BRANCHES = Set.of("br", "br_if", "br_table", "if", "else", "return", "end",
            "unreachable");

    /** The function's instructions as wasm-objdump lists them (without its locals declaration). */
    private static List<Wabt.Line> listing(Debuggee d, String function) {
        int f = d.func(function);
        return Wabt.disassemble(d.wasm).stream()
                .filter(l -> l.funcIndex() == f && !l.text().startsWith("local["))
                .toList();
    }

    /** The offsets sum_squares(3) executes in its own frame, one exact instruction step at a time. */
    private static List<Integer> trace(Debuggee d) {
        List<Integer> offsets = new ArrayList<>();
        Recorder r = new Recorder((e, frames) -> {
            if (frames.get(0).functionName().equals("sum_squares")) {
                offsets.add(frames.get(0).moduleOffset());
            }
            return Resume.STEP_OVER;
        });
        d.debugger.setHandler(r);
        d.debugger.translateExactly(d.instance, d.func("sum_squares"));
        assertEquals(5, d.instance.invoke("sum_squares", 3)[0]);
        return offsets;
    }

    @Test
    void everyInstructionIsABreakpointLocationThatStopsExactlyThere() {
        List<Wabt.Line> lines = listing(new Debuggee(), "sum_squares");
        List<Integer> executed = trace(new Debuggee());
        int exact = 0;
        for (Wabt.Line line : lines) {
            Debuggee d = new Debuggee();
            d.debugger.setEntryEvents(false);
            Recorder r = new Recorder((e, f) -> Resume.CONTINUE);
            d.debugger.setHandler(r);
            Breakpoint bp = d.debugger.addInstructionBreakpoint(d.instance, line.moduleOffset());
            assertEquals(line.moduleOffset(), bp.moduleOffset(), "breakpoint on " + line + " moved");
            assertEquals(5, d.instance.invoke("sum_squares", 3)[0]);
            if (executed.contains(line.moduleOffset())) {
                assertTrue(r.stops.size() >= 1, "no stop at " + line);
                assertInstanceOf(DebugEvent.BreakpointHit.class, r.stops.get(0).event());
                assertEquals(line.moduleOffset(), r.stops.get(0).moduleOffset(), "stop for " + line);
                exact++;
            } else {
                assertEquals(0, r.stops.size(), line + " never runs, yet stopped");
            }
        }
        // Only the loop's end after `br 0` and the function's end after `return` are never reached.
        assertEquals(lines.size() - 2, exact, "exact stops of " + lines.size() + " instructions");
    }

    @Test
    void instructionStepsMoveOneInstructionAsWasmObjdumpListsThem() {
        List<Wabt.Line> lines = listing(new Debuggee(), "sum_squares");
        List<Integer> offsets = lines.stream().map(Wabt.Line::moduleOffset).toList();
        List<Integer> trace = trace(new Debuggee());
        assertTrue(trace.size() > lines.size(), "the loop runs three times");
        for (int k = 0; k + 1 < trace.size(); k++) {
            int at = offsets.indexOf(trace.get(k));
            assertTrue(at >= 0, String.format("stop at 0x%x is no instruction start", trace.get(k)));
            String mnemonic = lines.get(at).text().split(" ")[0];
            if (!BRANCHES.contains(mnemonic)) {
                assertEquals(offsets.get(at + 1), trace.get(k + 1),
                        String.format("step from %s at 0x%x", lines.get(at).text(), trace.get(k)));
            }
        }
    }

    @Test
    void everyOperandSlotCanBeSetAndTheProgramGoesOnWithIt() {
        Debuggee d = new Debuggee();
        int[] slots = {0};
        Recorder r = new Recorder((e, frames) -> {
            DebugFrame top = frames.get(0);
            for (int i = 0; i < top.stackHeight(); i++) {
                long old = top.stack(i);
                top.setStack(i, old + 1);
                assertEquals(old + 1, top.stack(i));
                top.setStack(i, old);
                slots[0]++;
            }
            return Resume.STEP_INTO;
        });
        d.debugger.setHandler(r);
        assertEquals(5, d.instance.invoke("sum_squares", 3)[0]);
        assertTrue(slots[0] > 200, "operands set: " + slots[0]);
        List<FunctionInstance> exact = d.debugger.exactFunctions();
        assertEquals(List.of("sum_squares", "square"), exact.stream().map(FunctionInstance::name).toList());
    }

    @Test
    void settingAnAliasedOperandMovesTheOptimizedFrameToExactCode() {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        int mul = d.offset("square", "i32.mul", 0);
        Breakpoint bp = d.debugger.addBreakpoint(d.instance, mul);
        assertEquals(mul, bp.moduleOffset(), "the optimized code starts a translated instruction at the mul");
        int[] hits = {0};
        d.debugger.setHandler(new Recorder((e, frames) -> {
            if (++hits[0] == 2) {
                DebugFrame top = frames.get(0);
                assertEquals(1, top.stack(0));
                top.setStack(0, 7);
                assertEquals(7, top.stack(0));
                assertEquals(mul, top.moduleOffset());
            }
            return Resume.CONTINUE;
        }));
        // 0 + 7 * 1 + 2 * 2: the second call of square multiplied the value written into its operand.
        assertEquals(11, d.instance.invoke("sum_squares", 3)[0]);
        assertEquals(List.of("square"), d.debugger.exactFunctions().stream().map(FunctionInstance::name).toList());
        assertEquals(3, hits[0], "the breakpoint moved with the function");
    }

    @Test
    void theExactLevelRunsLikeTheOptimizedOne() {
        Debuggee d = new Debuggee(EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
        d.debugger.setEntryEvents(false);
        assertEquals(14, d.instance.invoke("sum_squares", 4)[0]);
        assertEquals(10, d.instance.invoke("depth", 10)[0]);
    }

    @Test
    void aRunningLoopMovesToExactCodeAtItsNextBackEdge() throws Exception {
        Debuggee d = new Debuggee();
        d.debugger.setEntryEvents(false);
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
        d.debugger.setHandler((event, frames) -> {
            DebugFrame top = frames.get(0);
            // Exact code: every operand in its slot, settable.
            for (int i = 0; i < top.stackHeight(); i++) {
                top.setStack(i, top.stack(i));
            }
            seen.set(event.getClass().getSimpleName() + " in " + top.functionName());
            paused.countDown();
            return Resume.TERMINATE;
        });
        Thread runner = new Thread(() -> {
            try {
                d.instance.invoke("spin");
            } catch (DebugTerminated expected) {
                // the handler ended the run
            }
        });
        runner.start();
        Thread.sleep(200); // the loop is running its optimized code
        d.debugger.translateExactly(d.instance, d.func("spin"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (d.debugger.exactFunctions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("spin"), d.debugger.exactFunctions().stream().map(FunctionInstance::name).toList());
        d.debugger.requestPause();
        assertTrue(paused.await(10, java.util.concurrent.TimeUnit.SECONDS));
        runner.join(10_000);
        assertEquals("Pause in spin", seen.get());
    }
}
