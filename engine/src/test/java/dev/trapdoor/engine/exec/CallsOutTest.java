package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FunctionInstance#outside}, the one field the dispatch loop's call tests, follows what a call of the function
 * does: leave the interpreter for a host function or compiled code, stay in it once the compiled code is dropped.
 */
class CallsOutTest {
    private static final String WAT = """
            (module
              (import "env" "twice" (func $twice (param i32) (result i32)))
              (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "run") (param i32) (result i32) (call $inc (call $twice (local.get 0)))))
            """;

    @Test
    void followsHostAndCompiledCode() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        FunctionInstance twice = store.hostFunction("twice",
                FuncType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}),
                (caller, args) -> new long[] {args[0] * 2});
        Instance inst = store.instantiate(Wasm.load(Wat.compile("t.wat", WAT).binary()), (m, n) -> twice);
        FunctionInstance run = inst.function("run");
        assertTrue(twice.outside, "a host function");
        assertNotNull(run.jit, "compiled before the start function");
        assertTrue(run.outside, "compiled");

        // What cast emulation under a debugger does: every function runs in the interpreter from now on.
        store.interpreterOnly();
        assertNull(run.jit);
        assertFalse(run.outside, "compiled code dropped");
        assertTrue(twice.outside, "still a host function");
        assertArrayEquals(new long[] {7}, inst.invoke("run", 3));
    }
}
