package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A C function called through a pointer of the wrong type: a trap by default, adapted when emulation is on. */
class FunctionPointerCastTest {
    @Test
    void mismatchTrapsByDefaultWithBothTypesAndTheCallee() {
        Debuggee d = new Debuggee();
        Trap t = assertThrows(Trap.class, () -> d.instance.invoke("bad_cast", 41));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, t.kind());
        TrapDetail.IndirectCall detail = assertInstanceOf(TrapDetail.IndirectCall.class, t.detail());
        assertEquals("(i32, i32) -> (i32)", detail.expected().toString());
        assertEquals("(i32) -> (i32)", detail.actual().toString());
        assertEquals("plus_one", detail.calleeName());
        assertEquals(d.func("plus_one"), detail.calleeIndex());
        assertEquals(d.func("bad_cast"), detail.callerFuncIndex());
        assertEquals(d.offset("bad_cast", "call_indirect", 0), detail.callerModuleOffset());
    }

    @Test
    void emulationAdaptsTheCallAndReportsEachSiteOnce() {
        Debuggee d = new Debuggee(EngineConfig.DEFAULT.withFunctionPointerCastEmulation(true));
        d.debugger.setEntryEvents(false);
        Recorder r = new Recorder((e, f) -> Resume.CONTINUE);
        d.debugger.setHandler(r);
        assertEquals(42, d.instance.invoke("bad_cast", 41)[0]);
        assertEquals(8, d.instance.invoke("bad_cast", 7)[0]);
        assertEquals(1, r.stops.size(), "one event per call site");
        DebugEvent.FunctionPointerCast cast = assertInstanceOf(DebugEvent.FunctionPointerCast.class,
                r.stops.get(0).event());
        assertEquals("plus_one", cast.calleeName());
        assertEquals(d.func("bad_cast"), cast.callerFuncIndex());
        assertEquals(d.offset("bad_cast", "call_indirect", 0), cast.callerModuleOffset());
        assertEquals("(i32, i32) -> (i32)", cast.expected().toString());
        assertEquals("(i32) -> (i32)", cast.actual().toString());
    }

    @Test
    void emulationWithoutADebuggerJustRuns() {
        Debuggee d = new Debuggee(EngineConfig.DEFAULT.withFunctionPointerCastEmulation(true));
        assertEquals(1, d.instance.invoke("bad_cast", 0)[0]);
    }

    @Test
    void everyCalleeAtASiteIsReportedAndRepeatsAreCounted() {
        byte[] wasm = Wabt.wat("""
                (module
                  (type $binop (func (param i32 i32) (result i32)))
                  (table 3 funcref)
                  (elem (i32.const 0) $one $pair $none)
                  (func $one (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (func $pair (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
                  (func $none (result i64) (i64.const 7))
                  (func (export "through") (param i32) (result i32)
                    (call_indirect (type $binop) (i32.const 5) (i32.const 2) (local.get 0))))
                """);
        Store store = new Store(EngineConfig.DEFAULT.withFunctionPointerCastEmulation(true));
        Instance instance = store.instantiate(Wasm.load(wasm), ImportResolver.NONE);
        Debugger debugger = store.debugger();
        debugger.setEntryEvents(false);
        Recorder r = new Recorder((e, f) -> Resume.CONTINUE);
        debugger.setHandler(r);
        long[] results = new long[6];
        for (int i = 0; i < results.length; i++) {
            results[i] = instance.invoke("through", i % 3)[0];
        }
        // $one adds 1 to 5; $pair (the right type, not adapted) multiplies; $none's i64 result is read as an i32
        assertEquals(List.of(6L, 10L, 7L, 6L, 10L, 7L), Arrays.stream(results).boxed().toList());
        List<String> reported = r.of(DebugEvent.FunctionPointerCast.class).stream()
                .map(s -> ((DebugEvent.FunctionPointerCast) s.event()).calleeName()).toList();
        assertEquals(List.of("one", "none"), reported, "one event per new site and callee");
        List<AdaptedCalls> calls = debugger.adaptedCalls();
        assertEquals(List.of("one", "none"), calls.stream().map(AdaptedCalls::calleeName).toList());
        assertEquals(List.of(2L, 2L), calls.stream().map(AdaptedCalls::count).toList());
        assertEquals("() -> (i64)", calls.get(1).actual().toString());
    }
}
