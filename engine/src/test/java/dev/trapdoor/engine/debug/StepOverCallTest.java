package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source-line step over a call ({@link Resume#whileInRange} over the call instruction) runs the callee through, as
 * gdb's {@code next} does: it stops back in the stepping frame after the call, unless something in the callee stops
 * first (a breakpoint, a trap); a recursive call's inner frames of the same function do not end it; and a frame that
 * moves to its exact translation while the callee runs (a translation asked for from a host call, installed at the
 * callee's return into it) still resumes right after the call. In the interpreter and with every function compiled.
 */
class StepOverCallTest {
    private static final String WAT = """
            (module
              (import "env" "hook" (func $hook))
              (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $callee (param i32) (result i32) (local $i i32)
                (loop $spin
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $spin (i32.lt_u (local.get $i) (i32.const 10))))
                (local.set $i (call $leaf (i32.add (local.get 0) (local.get $i))))
                (call $hook)
                (local.get $i))
              (func $trapper (param i32) (result i32) (i32.div_u (i32.const 7) (local.get 0)))
              (func $rec (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 2)))))
              (func $run (export "run") (param i32) (result i32)
                (i32.mul (call $callee (local.get 0)) (i32.const 3)))
              (func $divide (export "divide") (param i32) (result i32)
                (i32.mul (call $trapper (local.get 0)) (i32.const 3)))
              (func $recurse (export "recurse") (param i32) (result i32)
                (i32.mul (call $rec (local.get 0)) (i32.const 3))))
            """;

    private final byte[] wasm = Wat.compile("stepover.wat", WAT).binary();
    private Instance instance;
    private Debugger debugger;
    /** Run by the module's {@code hook} import, in the callee, while a step is under way. */
    private Runnable hook = () -> { };

    private void start(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        FunctionInstance hookFn = store.hostFunction("hook", FuncType.of(new ValType[0], new ValType[0]),
                (caller, args) -> {
                    hook.run();
                    return new long[0];
                });
        instance = store.instantiate(Wasm.load(wasm), (module, name) -> name.equals("hook") ? hookFn : null);
        debugger = store.debugger();
        debugger.setEntryEvents(false);
    }

    private int func(String name) {
        for (Map.Entry<Integer, String> e : instance.names().functionNames().entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private int offset(String function, String prefix, int nth) {
        return Wabt.offsetOf(wasm, func(function), prefix, nth);
    }

    /**
     * A handler that steps over {@code function}'s call (a breakpoint there) to the instruction after it, then lets
     * the program run.
     */
    private Recorder stepOverCallIn(String function) {
        int call = offset(function, "call", 0);
        int end = offset(function, "i32.const", 0);
        debugger.addBreakpoint(instance, call);
        return new Recorder((e, frames) -> frames.get(0).moduleOffset() == call && e instanceof DebugEvent.BreakpointHit
                ? Resume.whileInRange(call, end) : Resume.CONTINUE);
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void stopsBackInTheSteppingFrameRightAfterTheCall(Tier tier) {
        start(tier);
        Recorder r = stepOverCallIn("run");
        debugger.setHandler(r);
        assertEquals((5 + 10 + 1) * 3, instance.invoke("run", 5)[0]);
        assertEquals(2, r.stops.size(), r.stops.toString());
        Recorder.Stop after = r.stops.get(1);
        assertInstanceOf(DebugEvent.Step.class, after.event());
        assertEquals(List.of("run"), after.stack());
        assertEquals(offset("run", "i32.mul", 0), after.moduleOffset(), "the constant is folded into the multiply");
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void aBreakpointInTheCalleeStopsTheStepThere(Tier tier) {
        start(tier);
        Recorder r = stepOverCallIn("run");
        int inLeaf = offset("leaf", "i32.add", 0);
        Breakpoint bp = debugger.addBreakpoint(instance, inLeaf);
        debugger.setHandler(r);
        assertEquals((5 + 10 + 1) * 3, instance.invoke("run", 5)[0]);
        assertEquals(2, r.stops.size(), r.stops.toString());
        Recorder.Stop hit = r.stops.get(1);
        assertEquals(new DebugEvent.BreakpointHit(bp), hit.event());
        assertEquals(List.of("leaf", "callee", "run"), hit.stack());
        assertEquals(inLeaf, hit.moduleOffset());
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void aTrapInTheCalleeIsReportedWhereItHappens(Tier tier) {
        start(tier);
        Recorder r = stepOverCallIn("divide");
        debugger.setHandler(r);
        Trap trap = assertThrows(Trap.class, () -> instance.invoke("divide", 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals(2, r.stops.size(), r.stops.toString());
        DebugEvent.Trap event = assertInstanceOf(DebugEvent.Trap.class, r.stops.get(1).event());
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, event.kind());
        assertEquals(List.of("trapper", "divide"), r.stops.get(1).stack());
        assertEquals(offset("trapper", "i32.div_u", 0), r.stops.get(1).moduleOffset());
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void aRecursiveCallIsSteppedOverToItsReturnIntoTheSteppingFrame(Tier tier) {
        start(tier);
        int call = offset("rec", "call", 0);
        int end = offset("rec", "i32.const", 2);
        Breakpoint bp = debugger.addBreakpoint(instance, call);
        Recorder r = new Recorder((e, frames) -> {
            if (e instanceof DebugEvent.BreakpointHit) {
                debugger.removeBreakpoint(bp);
                return Resume.whileInRange(call, end);
            }
            return Resume.CONTINUE;
        });
        debugger.setHandler(r);
        assertEquals(3 * 2 * 3, instance.invoke("recurse", 3)[0]);
        assertEquals(2, r.stops.size(), r.stops.toString());
        Recorder.Stop after = r.stops.get(1);
        assertInstanceOf(DebugEvent.Step.class, after.event());
        assertEquals(List.of("rec", "recurse"), after.stack(), "rec(3)'s frame, not one of the calls below it");
        assertEquals(offset("rec", "i32.add", 0), after.moduleOffset(), "the constant is folded into the add");
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void aSteppingFrameMovedToExactCodeWhileTheCalleeRunsResumesAfterTheCall(Tier tier) {
        start(tier);
        Recorder r = stepOverCallIn("run");
        // From inside the callee (a host call: no stop, so the frames move at the callee's return into run).
        hook = () -> debugger.translateExactly(instance, func("run"));
        debugger.setHandler(r);
        assertEquals((5 + 10 + 1) * 3, instance.invoke("run", 5)[0]);
        assertEquals(2, r.stops.size(), r.stops.toString());
        Recorder.Stop after = r.stops.get(1);
        assertInstanceOf(DebugEvent.Step.class, after.event());
        assertEquals(List.of("run"), after.stack());
        assertEquals(List.of("run"), debugger.exactFunctions().stream().map(FunctionInstance::name).toList());
        if (tier == Tier.INTERPRETER) {
            // Moved at the callee's return, before the step's next instruction: exact code stops at the constant too.
            assertEquals(offset("run", "i32.const", 0), after.moduleOffset());
        } else {
            assertTrue(List.of(offset("run", "i32.const", 0), offset("run", "i32.mul", 0))
                    .contains(after.moduleOffset()), "right after the call: " + after.moduleOffset());
        }
    }
}
