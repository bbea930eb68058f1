package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.instr.InstructionReader;
import dev.trapdoor.engine.instr.Opcode;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugger on 3.0 control flow: stepping into a tail call enters the callee, whose frame has replaced its caller,
 * and stepping out of it returns where the replaced caller would have; a throw stops before anything unwinds, with
 * every frame alive and the event saying whether a Wasm handler will catch it (what the "uncaught" filter reads).
 */
class TailCallAndThrowStopsTest {
    private static final String WAT = """
            (module
              (tag $oops (param i32))
              (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $middle (param i32) (result i32) (return_call $leaf (i32.mul (local.get 0) (i32.const 10))))
              (func $outer (export "outer") (param i32) (result i32) (i32.sub (call $middle (local.get 0)) (i32.const 3)))
              (func $thrower (param i32) (throw $oops (local.get 0)))
              (func $catcher (export "catcher") (param i32) (result i32)
                (block $handler (result i32)
                  (try_table (catch $oops $handler) (call $thrower (local.get 0)))
                  (i32.const -1)))
              (func (export "uncaught") (param i32) (call $thrower (local.get 0))))
            """;

    private final byte[] wasm = Wat.compile("tail.wat", WAT).binary();
    private final Store store = new Store();
    private final Instance instance = store.instantiate(Wasm.load(wasm), ImportResolver.NONE);
    private final Debugger debugger = store.debugger();

    TailCallAndThrowStopsTest() {
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

    @Test
    void stepIntoATailCallEntersTheCalleeInPlaceOfItsCaller() {
        int leafEntry = debugger.addFunctionBreakpoint(instance, func("leaf")).moduleOffset();
        debugger.removeBreakpoint(debugger.breakpoints().get(0));
        debugger.addFunctionBreakpoint(instance, func("middle"));
        Recorder r = new Recorder((e, f) -> f.get(0).functionName().equals("leaf") ? Resume.CONTINUE
                : Resume.STEP_INTO);
        debugger.setHandler(r);
        assertEquals(7 * 10 + 1 - 3, instance.invoke("outer", 7)[0]);
        Recorder.Stop first = r.stops.stream().filter(s -> s.function().equals("leaf")).findFirst().orElseThrow();
        assertInstanceOf(DebugEvent.Step.class, first.event());
        assertEquals(leafEntry, first.moduleOffset(), "the callee's first instruction");
        assertEquals(List.of("leaf", "outer"), first.stack(), "middle's frame is gone");
    }

    @Test
    void stepOutOfATailCalledFunctionReturnsToTheReplacedCallersCaller() {
        debugger.addFunctionBreakpoint(instance, func("leaf"));
        Recorder r = new Recorder((e, f) -> e instanceof DebugEvent.BreakpointHit ? Resume.STEP_OUT
                : Resume.CONTINUE);
        debugger.setHandler(r);
        assertEquals(7 * 10 + 1 - 3, instance.invoke("outer", 7)[0]);
        assertEquals(List.of("leaf", "outer"), r.stops.get(0).stack());
        Recorder.Stop out = r.stops.get(1);
        assertInstanceOf(DebugEvent.Step.class, out.event());
        assertEquals(List.of("outer"), out.stack(), "back in outer, right after its call of middle");
    }

    @Test
    void aThrowStopsWithItsFramesAliveAndSaysWhetherWasmCatchesIt() {
        Recorder r = new Recorder((e, f) -> Resume.CONTINUE);
        debugger.setHandler(r);
        assertEquals(5, instance.invoke("catcher", 5)[0]);
        DebugEvent.WasmException caught = assertInstanceOf(DebugEvent.WasmException.class, r.stops.get(0).event());
        assertTrue(caught.caught(), "the try_table in catcher catches it");
        assertEquals("oops", caught.tagName().replace("$", ""));
        assertArrayEquals(new long[] {5}, caught.payload());
        assertEquals(List.of("thrower", "catcher"), r.stops.get(0).stack());

        assertThrows(instance, 6);
        Recorder.Stop stop = r.stops.get(1);
        DebugEvent.WasmException uncaught = assertInstanceOf(DebugEvent.WasmException.class, stop.event());
        assertFalse(uncaught.caught(), "nothing in Wasm catches it");
        assertEquals(List.of("thrower", "uncaught"), stop.stack());
        assertEquals(func("thrower"), uncaught.funcIndex());
    }

    @Test
    void stepOverACallThatThrowsLandsInTheHandler() {
        debugger.addFunctionBreakpoint(instance, func("catcher"));
        // An exception stop while stepping goes on stepping, as the DAP session does when no filter is on.
        Recorder r = new Recorder((e, f) -> Resume.STEP_OVER);
        debugger.setHandler(r);
        assertEquals(9, instance.invoke("catcher", 9)[0]);
        int fallThrough = firstI32Const(func("catcher"));
        List<Recorder.Stop> steps = r.of(DebugEvent.Step.class);
        assertTrue(steps.stream().allMatch(s -> s.stack().equals(List.of("catcher"))),
                "stepping over never stopped inside thrower: " + steps);
        assertTrue(steps.stream().noneMatch(s -> s.moduleOffset() == fallThrough), "the try's normal exit is skipped");
        assertTrue(steps.stream().anyMatch(s -> s.moduleOffset() > fallThrough), "stopped in the handler's code");
    }

    /** wasm-objdump 1.0.32 cannot read try_table: our own reader finds the offset. */
    private int firstI32Const(int funcIndex) {
        WasmModule m = instance.module();
        FunctionBody body = m.body(funcIndex);
        ByteReader r = new ByteReader(m.bytes(), body.bodyOffset(), body.endOffset());
        while (r.pos() < body.endOffset()) {
            int at = r.pos();
            if (InstructionReader.read(r).opcode() == Opcode.I32_CONST) {
                return at;
            }
        }
        throw new IllegalStateException("no i32.const in function " + funcIndex);
    }

    private static void assertThrows(Instance instance, int argument) {
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> instance.invoke("uncaught", argument));
    }
}
