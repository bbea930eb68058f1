package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A legacy {@code rethrow} reads the exception its {@code catch} left in a slot of the frame: that slot must survive
 * a call from the catch body (whose frame starts inside the catching one) and a move of the frame to exact code
 * while it is inside the catch.
 */
class LegacyRethrowTest {
    private static final String WAT = """
            (module
              (tag $e (param i32))
              ;; many locals: the callee's frame, which starts at the caller's argument slot, zeroes them on entry
              (func $probe (export "probe") (result i32)
                (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                (i32.const 7))
              (func $f (export "f") (param i32) (result i32)
                (try (result i32)
                  (do (throw $e (local.get 0)))
                  (catch $e
                    (drop)
                    (drop (call $probe))
                    (rethrow 0))))
              (func (export "outer") (param i32) (result i32)
                (try (result i32)
                  (do (call $f (local.get 0)))
                  (catch $e))))
            """;

    private static Instance instance() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        return store.instantiate(Wasm.load(Wat.compile("rethrow.wat", WAT).binary()), (module, name) -> null);
    }

    private static int function(Instance inst, String name) {
        return inst.module().exports().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().index();
    }

    @Test
    void aCallInTheCatchBodyLeavesTheRethrowSlotAlone() {
        Instance inst = instance();
        assertEquals(1, inst.invoke("outer", 1)[0]);
        assertEquals(2, inst.invoke("outer", 2)[0]);
    }

    @Test
    void rethrowAfterTheCatchingFrameMovedToExactCode() {
        Instance inst = instance();
        // An earlier exception taken as a reference: a rethrow reading the wrong slot would find it (or nothing).
        assertEquals(1, inst.invoke("outer", 1)[0]);
        Debugger debugger = inst.store().debugger();
        debugger.setEntryEvents(false);
        int probe = function(inst, "probe");
        int f = function(inst, "f");
        AtomicInteger stops = new AtomicInteger();
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                stops.incrementAndGet();
                // Stopped in the callee while $f's frame is inside its catch: $f moves to exact code now.
                debugger.translateExactly(inst, f);
            }
            return Resume.CONTINUE;
        });
        debugger.addFunctionBreakpoint(inst, probe);
        assertEquals(42, inst.invoke("outer", 42)[0]);
        assertEquals(1, stops.get());
        assertEquals(1, debugger.exactFunctions().size());
        // And once more, now that $f runs exact code from the start.
        assertEquals(43, inst.invoke("outer", 43)[0]);
    }
}
