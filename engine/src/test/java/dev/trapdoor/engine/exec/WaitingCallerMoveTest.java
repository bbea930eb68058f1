package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An instruction breakpoint set in a caller while it waits in a call moves the caller to its exact code right
 * after the call. The optimized code has no code for the {@code local.get} there (the {@code i32.add} after it reads
 * the local directly), so the exact code must still run it, and must not write it into its operand slot early: that
 * slot is the callee's second local until the callee returns.
 */
class WaitingCallerMoveTest {
    private static final String MODULE = """
            (module
              (memory 1)
              (data (i32.const 512) "\\2a\\00\\00\\00")
              (func $g (param i32 i32) (result i32)
                nop
                nop
                local.get 1)
              (func (export "main") (result i32)
                (local $x i32)
                (local.set $x (i32.load (i32.const 512)))
                i32.const 1
                i32.const 2
                call $g
                local.get $x
                i32.add))""";

    @ParameterizedTest
    @EnumSource(Tier.class)
    void theCalleeKeepsItsLocalsAndTheCallerStopsRightAfterTheCall(Tier tier) {
        byte[] wasm = Wabt.wat(MODULE);
        Instance instance = new Store(EngineConfig.DEFAULT.withTier(tier).withTierUpThreshold(1))
                .instantiate(Wasm.load(wasm), ImportResolver.NONE);
        Debugger debugger = instance.store().debugger();
        debugger.setEntryEvents(false);
        int firstNop = Wabt.offsetOf(wasm, 0, "nop", 0);
        int afterCall = Wabt.offsetOf(wasm, 1, "local.get 0", 0);
        debugger.addInstructionBreakpoint(instance, firstNop);
        List<String> stops = new ArrayList<>();
        debugger.setHandler((event, frames) -> {
            var top = frames.get(0);
            stops.add(top.functionName() + "@" + top.moduleOffset()
                    + (top.functionName().equals("g") ? " local1=" + top.local(1) : ""));
            if (stops.size() == 1) {
                debugger.addInstructionBreakpoint(instance, afterCall);
                debugger.addInstructionBreakpoint(instance, firstNop + 1);
            }
            return Resume.CONTINUE;
        });
        assertEquals(44, instance.invoke("main")[0], "2 from g plus 42");
        assertEquals(List.of("g@" + firstNop + " local1=2", "g@" + (firstNop + 1) + " local1=2", "main@" + afterCall),
                stops);
    }
}
