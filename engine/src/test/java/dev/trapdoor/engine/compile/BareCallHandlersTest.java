package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.DeepThread;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bare call handlers ({@code -Dtrapdoor.jit.bareCallHandlers=true}): a typed entry compiled with no debugger gives its
 * direct typed calls a handler that keeps no frame values. Results and traps (kind, offset, detail and every frame)
 * stay the interpreter's, both ways: a trap deep in a recursion, and the call stack running out. A debugger's code,
 * a function with a {@code try} and the switch off keep the full handlers. ({@code exec.BareCallsUnderLateDebuggerTest}
 * covers a debugger that attaches while such a frame is active.)
 */
class BareCallHandlersTest {
    private static final String SWITCH = "trapdoor.jit.bareCallHandlers";

    /** fib's shape, and a trap (a division by zero) at the recursion's depth {@code $p}. */
    private static final String MODULE = """
            (module
              (func $fib (param $n i32) (param $stop i32) (result i32)
                (if (i32.eqz (local.get $stop)) (then (drop (i32.div_u (i32.const 1) (i32.const 0)))))
                (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
                  (then (local.get $n))
                  (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))
                                           (i32.sub (local.get $stop) (i32.const 1)))
                                 (call $fib (i32.sub (local.get $n) (i32.const 2))
                                           (i32.sub (local.get $stop) (i32.const 1)))))))
              (func (export "f") (param $p i32) (result i32)
                (call $fib (i32.const 15) (local.get $p))))""";

    /** Recursion without end: the call stack runs out, at the same depth with the same frames. */
    private static final String DEEP = """
            (module
              (func $down (param $n i32) (result i32)
                (i32.add (call $down (i32.add (local.get $n) (i32.const 1))) (local.get $n)))
              (func (export "f") (param $p i32) (result i32)
                (if (result i32) (i32.eqz (local.get $p))
                  (then (call $down (i32.const 0))) (else (local.get $p)))))""";

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    @Test
    void aTrapDeepInARecursionIsTheInterpretersBothWays() {
        SwitchedParity.assertSameAsTheInterpreter(Wabt.wat(MODULE), SWITCH, new String[]{"true", "false"},
                new int[]{100, 40}, 6);
    }

    @Test
    void theCallStackRunsOutAtTheSameDepthBothWays() throws Throwable {
        DeepThread.run(() -> SwitchedParity.assertSameAsTheInterpreter(Wabt.wat(DEEP), SWITCH,
                new String[]{"true", "false"}, new int[]{3}, 0));
    }

    private static CompiledClass compile(String wat, int funcIndex, boolean liveOnly) {
        WasmModule m = Wasm.load(dev.trapdoor.engine.text.Wat.compile("m.wat", wat).binary());
        return JvmCompiler.compile(new ModuleContext(m), funcIndex, 7600, "dev/trapdoor/engine/exec/Jit$C",
                false, liveOnly, 0);
    }

    @Test
    void onlyATypedEntryWithNoDebuggerAndTheSwitchOnHasThem() {
        CompiledClass byDefault = compile(MODULE, 0, true);
        assertFalse(byDefault.bareCalls(), "off by default");
        System.setProperty(SWITCH, "true");
        CompiledClass bare = compile(MODULE, 0, true);
        assertTrue(bare.bareCalls());
        // Bare call sites alone do not make a debugger drop the code: it swaps the typed entry (exec.BareSwap).
        assertEquals(byDefault.bareOmits(), bare.bareOmits(), "bare call sites counted as omitted values");
        assertFalse(compile(MODULE, 0, false).bareCalls(), "a debugger's code keeps the values");
        String withTry = """
                (module
                  (tag $t)
                  (func $g (param i32) (result i32) (local.get 0))
                  (func (param $n i32) (result i32)
                    (block $h (try_table (catch $t $h) (drop (call $g (local.get $n)))))
                    (call $g (local.get $n))))""";
        assertFalse(compile(withTry, 1, true).bareCalls(), "a function that can catch");
        assertTrue(callsBareCalls(bare), "the bare handlers call BareCalls");
        System.setProperty(SWITCH, "false");
        CompiledClass full = compile(MODULE, 0, true);
        assertFalse(callsBareCalls(full), "the switch off keeps the full handlers");
        assertEquals(java.util.Arrays.toString(full.siteOffsets()), java.util.Arrays.toString(bare.siteOffsets()));
        assertEquals(java.util.Arrays.toString(full.siteOps()), java.util.Arrays.toString(bare.siteOps()),
                "a bare call site is recorded as a call");
    }

    private static boolean callsBareCalls(CompiledClass cc) {
        for (byte[] c : cc.classes()) {
            if (new String(c, java.nio.charset.StandardCharsets.ISO_8859_1).contains(RuntimeNames.BARE_CALLS)) {
                return true;
            }
        }
        return false;
    }
}
