package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guests that try to hurt the host end in a trap or a limit error the host chose: an endless loop or recursion
 * under a time limit, a deep recursion, a table allocation loop (issue 26). The time limit is tested in the
 * interpreter: compiled code does not poll yet.
 */
class GuestLimitsTest {
    private static final String LOOPS = """
            (module
              (func $spin (export "spin") (loop $l (br $l)))
              (func $rec (export "rec") (call $rec))
              (func (export "recLoop") (param i32) (loop $l (call $spinIn) (br $l)))
              (func $spinIn (loop $l (br $l)))
              (func (export "quick") (result i32) (i32.const 7)))
            """;

    private static Instance instance(String wat, EngineConfig config) {
        WasmModule module = Wasm.load(Wat.compile("guest.wat", wat).binary());
        return new Store(config).instantiate(module, ImportResolver.NONE);
    }

    private static EngineConfig interpreter(long timeLimitMillis) {
        return EngineConfig.DEFAULT.withTier(Tier.INTERPRETER).withTimeLimitMillis(timeLimitMillis);
    }

    @Test
    void anEndlessLoopTrapsWhenItsTimeIsUp() {
        Instance inst = instance(LOOPS, interpreter(200));
        long start = System.nanoTime();
        Trap t = assertThrows(Trap.class, () -> inst.invoke("spin"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(TrapKind.TIME_LIMIT_EXCEEDED, t.kind());
        assertTrue(ms >= 190 && ms < 5_000, ms + " ms");
        assertTrue(t.getMessage().contains("200 ms"), t.getMessage());
        assertEquals(0, t.funcIndex()); // where the loop was, for a debugger or a trap report
        // The limit is per outermost call: the next call gets its own time.
        assertEquals(7, inst.invoke("quick")[0]);
    }

    @Test
    void aLoopInACalleeAndAnEndlessRecursionAreCaughtToo() {
        Instance inst = instance(LOOPS, interpreter(100));
        assertEquals(TrapKind.TIME_LIMIT_EXCEEDED, assertThrows(Trap.class, () -> inst.invoke("recLoop", 0)).kind());
        // Unbounded recursion under a time limit reaches the depth limit first: a trap, never a StackOverflowError.
        // (A generous limit: how soon the depth runs out depends on the machine's load, and is not what is tested.)
        Instance deep = instance(LOOPS, interpreter(600_000));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, assertThrows(Trap.class, () -> deep.invoke("rec")).kind());
    }

    /** Found by the fuzz harness: a loop closed by br_table did not poll, so no limit or pause could stop it. */
    @Test
    void aLoopClosedByBrTableIsCaught() {
        Instance inst = instance("""
                (module (func (export "f") (param i32) (result i32)
                  (loop (result i32) (block (br_table 1 0 0 (local.get 0))) (i32.const 0))))
                """, interpreter(100));
        assertEquals(TrapKind.TIME_LIMIT_EXCEEDED, assertThrows(Trap.class, () -> inst.invoke("f", 0)).kind());
        assertEquals(0, inst.invoke("f", 1)[0]);
    }

    @Test
    void timeStoppedInTheDebuggerDoesNotCount() {
        Instance inst = instance("""
                (module
                  (func $tick (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (func (export "f") (result i32) (local i32)
                    (loop $l (local.set 0 (call $tick (local.get 0)))
                      (br_if $l (i32.lt_u (local.get 0) (i32.const 3))))
                    (local.get 0)))
                """, interpreter(300));
        Debugger debugger = inst.store().debugger();
        AtomicInteger stops = new AtomicInteger();
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                stops.incrementAndGet();
                sleep(200); // three stops of 200 ms: 600 ms in all, twice the limit
            }
            return Resume.CONTINUE;
        });
        debugger.addFunctionBreakpoint(inst, 0);
        assertEquals(3, inst.invoke("f")[0]);
        assertEquals(3, stops.get());
    }

    @Test
    void withoutALimitNothingChanges() {
        Instance inst = instance(LOOPS, EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        assertEquals(7, inst.invoke("quick")[0]);
        assertEquals(0, inst.store().config().timeLimitMillis());
    }

    @Test
    void theHostChoosesTheTableLimit() {
        EngineConfig small = EngineConfig.DEFAULT.withMaxTableElements(1000);
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> instance("(module (table 1001 funcref))", small));
        assertTrue(e.getMessage().contains("1001") && e.getMessage().contains("1000"), e.getMessage());
        Instance inst = instance("""
                (module (table $t 10 funcref)
                  (func (export "hog") (result i32) (local i32)
                    (loop $l (br_if $l (i32.ne (table.grow $t (ref.null func) (i32.const 100)) (i32.const -1))))
                    (table.size $t)))
                """, small);
        // An allocation loop stops at the host's limit: table.grow answers -1, as the spec allows.
        assertEquals(910, inst.invoke("hog")[0]);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
