package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instruction breakpoint set while a frame waits in a call, on straight-line code after the call, stops there when
 * the call returns. The breakpoint asks for the function's exact code, which waits until the function's frames can
 * move to it: a compiled frame moves at the poll after its call, into the interpreter, and must go on in that exact
 * code, not in the optimized code it was compiled from; an interpreted frame waiting in a host call moves when the
 * call returns. Here the callee is a host function that sets the breakpoint itself, so no other poll of the
 * program's thread comes in between. Before the fix both frames ran their old code to the return, and the stop was
 * missed ({@link LeavingAtReturnTest} missed it when the guest's loop ended before it polled). The same holds when the
 * frame catches an exception its callee throws after the breakpoint was set, and goes on after the catch.
 */
class BridgeToExactCodeTest {
    private static final String MODULE = """
            (module
              (import "env" "arm" (func $arm))
              (global $g (mut i32) (i32.const 5))
              (func $middle (param $n i32) (result i32)
                (local $x i32)
                (local.set $x (i32.mul (local.get $n) (i32.const 3)))
                (call $arm)
                (global.set $g (i32.add (global.get $g) (i32.const 1)))
                (i32.add (local.get $x) (i32.const 1)))
              (func (export "main") (param $n i32) (result i32)
                (i32.add (call $middle (local.get $n)) (i32.const 100)))
            )""";

    /** The instruction after the call is one the optimized code aliases away. */
    private static final String ALIASED = MODULE.replace(
            "(global.set $g (i32.add (global.get $g) (i32.const 1)))", "");

    @ParameterizedTest
    @EnumSource(Tier.class)
    void stopsAfterTheCallInTheExactCode(Tier tier) {
        int at = Wabt.offsetOf(Wabt.wat(MODULE), 1, "global.get 0", 0);
        assertEquals("middle@" + at, stopAfterCall(MODULE, at, tier));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void stopsOnAnAliasedInstructionAfterTheCall(Tier tier) {
        int at = Wabt.offsetOf(Wabt.wat(ALIASED), 1, "local.get 1", 0);
        assertEquals("middle@" + at, stopAfterCall(ALIASED, at, tier));
    }

    /** The frame catches an exception its callee throws after the breakpoint was set, and goes on after the catch. */
    private static final String CATCHING = """
            (module
              (import "env" "arm" (func $arm))
              (tag $t)
              (global $g (mut i32) (i32.const 5))
              (func $thrower (call $arm) (throw $t))
              (func $middle (param $n i32) (result i32)
                (local $x i32)
                (local.set $x (i32.mul (local.get $n) (i32.const 3)))
                (block $h
                  (try_table (catch $t $h) (call $thrower)))
                (global.set $g (i32.add (global.get $g) (i32.const 77)))
                (i32.add (local.get $x) (i32.const 1)))
              (func (export "main") (param $n i32) (result i32)
                (i32.add (call $middle (local.get $n)) (i32.const 100)))
            )""";

    @ParameterizedTest
    @EnumSource(Tier.class)
    void stopsAfterACatchInTheExactCode(Tier tier) {
        byte[] wasm = dev.trapdoor.engine.text.Wat.compile("catching.wat", CATCHING).binary();
        int at = indexOf(wasm, new byte[]{0x23, 0x00, 0x41, (byte) 0xCD, 0x00});
        assertEquals("middle@" + at, stopAfterCall(wasm, 2, at, tier));
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    private static String stopAfterCall(String module, int afterCall, Tier tier) {
        return stopAfterCall(Wabt.wat(module), 1, afterCall, tier);
    }

    private static String stopAfterCall(byte[] wasm, int middle, int afterCall, Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier).withTierUpThreshold(1));
        AtomicBoolean armed = new AtomicBoolean();
        AtomicReference<Instance> self = new AtomicReference<>();
        FunctionInstance arm = store.hostFunction("arm", FuncType.of(new ValType[0], new ValType[0]),
                (caller, args) -> {
                    if (armed.get()) {
                        store.debugger().addInstructionBreakpoint(self.get(), afterCall);
                    }
                    return new long[0];
                });
        Instance instance = store.instantiate(Wasm.load(wasm), (m, n) -> arm);
        self.set(instance);
        AtomicReference<String> stop = new AtomicReference<>("none");
        store.debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                stop.compareAndSet("none", frames.get(0).functionName() + "@" + frames.get(0).moduleOffset());
            }
            return Resume.CONTINUE;
        });
        long warming = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (tier != Tier.INTERPRETER && instance.functions[middle].jit == null) {
            assertTrue(System.nanoTime() < warming, "middle never compiled");
            instance.invoke("main", 0);
        }
        if (tier != Tier.INTERPRETER) {
            assertNotNull(instance.functions[middle].jit, "middle runs compiled");
        }
        armed.set(true);
        int n = 7;
        assertEquals(3 * n + 1 + 100, (int) instance.invoke("main", n)[0]);
        return stop.get();
    }
}
