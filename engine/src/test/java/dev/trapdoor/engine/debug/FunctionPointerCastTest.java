package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

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
}
