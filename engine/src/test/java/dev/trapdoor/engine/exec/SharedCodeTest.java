package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instances' copies of a shared template run the template's code until a breakpoint is first set in them
 * ({@link CompiledFunction#shareCode}); every test runs with the sharing on and off. A frame that was running the
 * template's code when the breakpoint gave its function code of its own still stops there: at once after a call out
 * of it returns, and at its next poll while it loops.
 */
class SharedCodeTest {
    private static final boolean DEFAULT = CompiledFunction.shareCode;

    /**
     * {@code spin} counts in a global until it reaches n, calling the host's {@code tick} with counts 1, 5, 9, ...;
     * {@code loop} counts without the host while the global {@code go} is set. The salt makes each test's module its
     * own, so tests do not share templates.
     */
    private static byte[] module(int salt) {
        return Wabt.wat("""
                (module
                  (import "host" "tick" (func $tick (param i32)))
                  (global $count (export "count") (mut i32) (i32.const 0))
                  (global $go (export "go") (mut i32) (i32.const 1))
                  (func $salt (result i32) (i32.const %d))
                  (func (export "spin") (param $n i32) (result i32)
                    (loop $l
                      (global.set $count (i32.add (global.get $count) (i32.const 1)))
                      (call $tick (global.get $count))
                      (global.set $count (i32.add (global.get $count) (i32.const 3)))
                      (br_if $l (i32.lt_u (global.get $count) (local.get $n))))
                    (global.get $count))
                  (func (export "loop") (result i32)
                    (loop $l
                      (global.set $count (i32.add (global.get $count) (i32.const 1)))
                      (br_if $l (global.get $go)))
                    (global.get $count)))""".formatted(salt));
    }

    @AfterEach
    void restore() {
        CompiledFunction.shareCode = DEFAULT;
    }

    private static Instance instance(WasmModule module, dev.trapdoor.engine.exec.HostFunction tick) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        FunctionInstance host = store.hostFunction("tick", FuncType.of(new ValType[] {ValType.I32}, new ValType[0]),
                tick);
        return store.instantiate(module, (m, n) -> host);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void copiesRunTheTemplatesCodeUntilABreakpointIsSetInThem(boolean share) {
        CompiledFunction.shareCode = share;
        WasmModule module = SharedModules.load(module(share ? 1 : 2));
        Instance a = instance(module, (caller, args) -> new long[0]);
        Instance b = instance(module, (caller, args) -> new long[0]);
        int spin = a.function("spin").funcIndex;
        CompiledFunction ca = SharedModules.translate(a.context(), spin, TranslationLevel.OPTIMIZED);
        CompiledFunction cb = SharedModules.translate(b.context(), spin, TranslationLevel.OPTIMIZED);
        int[] translated = Translator.translate(a.context(), spin, TranslationLevel.OPTIMIZED).code;
        assertArrayEquals(translated, ca.code);
        if (share) {
            assertSame(ca.code, cb.code, "two instances' copies run one code until a breakpoint");
            assertSame(ca.stepCode(), cb.stepCode(), "step code has no breakpoints of its own");
        } else {
            assertNotSame(ca.code, cb.code);
            assertNotSame(ca.stepCode(), cb.stepCode());
        }
        int[] before = ca.code;
        int pc = ca.instructionStarts()[2];
        assertEquals(share, ca.setBreakpoint(pc), "only shared code is copied for the first breakpoint");
        assertEquals(Op.BREAK, ca.code[pc]);
        assertEquals(translated[pc], cb.code[pc], "a breakpoint in one instance's copy patched another's");
        if (share) {
            assertEquals(translated[pc], before[pc], "the breakpoint went into the code the copies shared");
            assertNotSame(before, ca.code);
        }
        assertEquals(translated[pc], ca.original(pc));
        assertArrayEquals(cb.stepCode(), ca.stepCode());
        assertSame(ca.code, ca.current(before), "a frame on the shared code takes the copy");
        assertSame(cb.code, cb.current(cb.code));
        assertSame(ca.stepCode(), ca.current(ca.stepCode()), "step code stays step code");

        assertEquals(false, ca.setBreakpoint(ca.instructionStarts()[3]), "its own code is not copied again");
        ca.clearBreakpoint(pc);
        ca.clearBreakpoint(ca.instructionStarts()[3]);
        assertArrayEquals(translated, ca.code);
        cb.clearBreakpoint(pc); // none there: the shared code is not written
        assertArrayEquals(translated, cb.code);
    }

    /**
     * The breakpoint is set from the host call inside spin's loop (at count 9), at the instruction right after the
     * call: the frame waits in the call on the shared code (its code is in the dispatch loop's locals), and must stop
     * there when the call returns, before the count moves on, not one iteration later.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBreakpointSetDuringAHostCallStopsRightAfterIt(boolean share) {
        CompiledFunction.shareCode = share;
        WasmModule module = SharedModules.load(module(share ? 3 : 4));
        Instance plain = instance(module, (caller, args) -> new long[0]);
        assertEquals(20, plain.invoke("spin", 20)[0], "another instance ran the same code first");

        Instance[] self = new Instance[1];
        List<Long> stoppedAt = new CopyOnWriteArrayList<>();
        Instance debugged = instance(module, (caller, args) -> {
            if (args[0] == 9) {
                CompiledFunction cf = Interpreter.compiled(self[0].function("spin"));
                self[0].store().debugger().addBreakpoint(self[0], afterCall(cf));
            }
            return new long[0];
        });
        self[0] = debugged;
        Debugger debugger = debugged.store().debugger();
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                stoppedAt.add(debugged.global("count").get());
            }
            return Resume.CONTINUE;
        });
        assertEquals(20, debugged.invoke("spin", 20)[0]);
        assertEquals(List.of(9L, 13L, 17L), stoppedAt, "the frame passed the breakpoint on the shared code");

        plain.global("count").set(0);
        List<DebugEvent> plainEvents = new CopyOnWriteArrayList<>();
        plain.store().debugger().setEntryEvents(false);
        plain.store().debugger().setHandler((event, frames) -> {
            plainEvents.add(event);
            return Resume.CONTINUE;
        });
        assertEquals(20, plain.invoke("spin", 20)[0]);
        assertEquals(List.of(), plainEvents, "the other instance's code carries the first one's breakpoint");
    }

    /** Another thread sets the breakpoint while the frame loops on the shared code, which it leaves at a back-edge. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBreakpointSetWhileTheFrameLoopsStopsIt(boolean share) throws Exception {
        CompiledFunction.shareCode = share;
        WasmModule module = SharedModules.load(module(share ? 5 : 6));
        Instance plain = instance(module, (caller, args) -> new long[0]);
        plain.global("go").set(0);
        assertEquals(1, plain.invoke("loop")[0]);

        Instance debugged = instance(module, (caller, args) -> new long[0]);
        Debugger debugger = debugged.store().debugger();
        debugger.setEntryEvents(false);
        List<Long> stoppedAt = new CopyOnWriteArrayList<>();
        debugger.setHandler((event, frames) -> {
            stoppedAt.add(debugged.global("count").get());
            debugged.global("go").set(0); // ends the loop
            return Resume.CONTINUE;
        });
        CompletableFuture<long[]> run = CompletableFuture.supplyAsync(() -> debugged.invoke("loop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (debugged.global("count").get() < 100_000) {
            assertTrue(System.nanoTime() < deadline, "the program never got going");
            Thread.sleep(1);
        }
        CompiledFunction cf = Interpreter.compiled(debugged.function("loop"));
        debugger.addBreakpoint(debugged, cf.moduleOffset(cf.instructionStarts()[1]));
        long count = run.get(20, TimeUnit.SECONDS)[0];
        assertEquals(1, stoppedAt.size(), "the loop never stopped at the breakpoint set while it ran");
        assertNotEquals(0, count);
        plain.global("go").set(0);
        plain.global("count").set(0);
        assertEquals(1, plain.invoke("loop")[0], "the other instance's code has no breakpoint");
    }

    /** The module offset of the instruction after spin's call of the host. */
    private static int afterCall(CompiledFunction cf) {
        int[] starts = cf.instructionStarts();
        for (int i = 0; i + 1 < starts.length; i++) {
            if (cf.original(starts[i]) == Op.CALL) {
                return cf.moduleOffset(starts[i + 1]);
            }
        }
        throw new AssertionError("no call in spin");
    }
}
