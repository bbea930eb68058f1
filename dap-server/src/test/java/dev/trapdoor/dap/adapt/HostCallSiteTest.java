package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A stop on a call instruction: which import it calls, with which arguments, and when it is no host call at all. */
class HostCallSiteTest {
    private final DebugFrame frame = mock(DebugFrame.class);
    private final Instance instance = mock(Instance.class);

    HostCallSiteTest() {
        when(instance.module()).thenReturn(Wasm.load(Wat.compile("calls.wat", """
                (module
                  (import "env" "log" (func $log (param i32)))
                  (import "env" "add" (func $add (param i32 i64) (result i32)))
                  (func $own (param i32) (result i32) local.get 0))
                """).binary()));
    }

    @Test
    void aCallToAnImportTakesItsArgumentsFromTheTopOfTheOperandStack() {
        when(frame.stackHeight()).thenReturn(3);
        when(frame.stack(1)).thenReturn(7L);
        when(frame.stack(2)).thenReturn(1L << 40);
        HostCallSite call = HostCallSite.at(frame, instance, "call 1").orElseThrow();
        assertEquals(1, call.funcIndex());
        assertEquals("env.add", call.qualifiedName());
        assertArrayEquals(new long[] {7, 1L << 40}, call.args());
    }

    @Test
    void anImportWithMoreParametersThanOperandsIsNoCallToShow() {
        when(frame.stackHeight()).thenReturn(1);
        assertTrue(HostCallSite.at(frame, instance, "call 1").isEmpty());
    }

    @Test
    void aCallToAFunctionOfTheModuleIsNoHostCallAndLeavesTheOperandStackUnread() {
        // The operand stack's height comes from validating the function up to the pc: a step that starts on a call
        // to the program's own function (most calls) must not pay for it.
        assertTrue(HostCallSite.at(frame, instance, "call 2").isEmpty());
        verify(frame, never()).stackHeight();
    }

    @Test
    void anInstructionThatIsNotACallIsNoHostCall() {
        assertTrue(HostCallSite.at(frame, instance, "local.get 0").isEmpty());
        assertTrue(HostCallSite.at(frame, instance, null).isEmpty());
        verify(frame, never()).stackHeight();
    }
}
