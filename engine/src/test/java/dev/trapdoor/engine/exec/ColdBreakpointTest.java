package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A breakpoint in a function that never runs costs the compiled tier nothing: setting it sends running compiled
 * frames to the interpreter, but once no frame runs, the next call runs its loops compiled again. A pause requested
 * between calls still stops the next one.
 */
class ColdBreakpointTest {
    private static final String MODULE = """
            (module
              (func $cold (export "cold") (result i32) (i32.const 7))
              (func (export "sum") (param $n i32) (result i64)
                (local $i i32) (local $acc i64)
                (loop $l
                  (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc)))""";

    private static Instance compiled() {
        return new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED))
                .instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @Test
    void callsAfterABreakpointInColdCodeStayCompiled() {
        Instance instance = compiled();
        Debugger debugger = instance.store().debugger();
        List<DebugEvent> events = new ArrayList<>();
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            events.add(event);
            return Resume.CONTINUE;
        });
        FunctionInstance cold = instance.function("cold");
        debugger.addFunctionBreakpoint(instance, cold.funcIndex);
        assertNull(cold.jit, "the function with the breakpoint should run interpreted");

        assertEquals(4950L, instance.invoke("sum", 100)[0]);
        assertFalse(instance.store().leaveCompiled, "compiled loops would leave for the interpreter at every header");
        assertNotNull(instance.function("sum").jit, "sum should still run compiled");
        assertEquals(List.of(), events);
    }

    @Test
    void aPauseRequestedBetweenCallsStopsTheNextOne() {
        Instance instance = compiled();
        Debugger debugger = instance.store().debugger();
        List<DebugEvent> events = new ArrayList<>();
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            events.add(event);
            return Resume.CONTINUE;
        });
        debugger.addFunctionBreakpoint(instance, instance.function("cold").funcIndex);
        debugger.requestPause();

        assertEquals(4950L, instance.invoke("sum", 100)[0]);
        assertEquals(1, events.size(), events.toString());
        assertInstanceOf(DebugEvent.Pause.class, events.get(0));
    }
}
