package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Code compiled with no debugger gives a site that can only trap a bare handler (its number and operand, no pending
 * values stored): traps still equal the interpreter's, with the address of an access whose operand was pending, and
 * the handlers are smaller. A debugger's code (and {@code -Dtrapdoor.jit.bareTrapHandlers=false}) keeps every store.
 * ({@code exec.TrapUnderIdleDebuggerTest} checks that a debugger attaching after compilation sees the pending values.)
 */
class BareTrapHandlersTest {
    private static final String SWITCH = "trapdoor.jit.bareTrapHandlers";

    /** Values pending at a load whose address is a parameter, and at a division by it. */
    private static final String MODULE = """
            (module
              (memory 1)
              (data (i32.const 8) "\\2a")
              (func (export "f") (param $p i32) (result i32) (local $a i32)
                (local.set $a (i32.mul (local.get $p) (i32.const 7)))
                (i32.add (local.get $a)
                  (i32.add (i32.load8_u (local.get $p))
                           (i32.add (i32.load offset=3 (local.get $p))
                                    (i32.div_u (i32.const 100) (local.get $p)))))))""";

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    @Test
    void anOutOfBoundsAccessWithAPendingAddressTrapsAsInTheInterpreter() {
        SwitchedParity.assertSameAsTheInterpreter(Wabt.wat(MODULE), SWITCH, new String[]{"true", "false"},
                new int[]{8, 5, 65000}, 65534);
    }

    @Test
    void aDivisionByZeroWithValuesPendingTrapsAsInTheInterpreter() {
        SwitchedParity.assertSameAsTheInterpreter(Wabt.wat(MODULE), SWITCH, new String[]{"true", "false"},
                new int[]{8, 1}, 0);
    }

    private static int classBytes(boolean liveOnly) {
        WasmModule m = Wasm.load(Wabt.wat(MODULE));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, 7600, "dev/trapdoor/engine/exec/Jit$B",
                false, liveOnly);
        int n = 0;
        for (byte[] c : cc.classes()) {
            n += c.length;
        }
        return n;
    }

    @Test
    void bareHandlersAreSmallerUnlessADebuggerOrTheSwitchSaysOtherwise() {
        int bare = classBytes(true);
        int debugged = classBytes(false);
        System.setProperty(SWITCH, "false");
        int off = classBytes(true);
        assertTrue(bare < off, "bare " + bare + " against " + off + " bytes");
        assertEquals(off, debugged, "a debugger's code keeps every store");
        assertEquals(off, classBytes(false));
    }
}
