package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Function-pointer-cast emulation in the compiled tier: a {@code call_indirect} to a callee of another type runs
 * with missing arguments and results read as zero, exactly as in the interpreter, whichever tier each side runs in.
 */
class CompiledCastEmulationTest {
    /**
     * {@code call_as_2to1} calls table entry {@code i} as {@code (i32, i32) -> i32}; the entries take one, two or
     * three parameters and return none, one or two results.
     */
    private static final String MODULE = """
            (module
              (type $two_to_one (func (param i32 i32) (result i32)))
              (table 4 funcref)
              (elem (i32.const 0) $plus_one $add $add3 $none)
              (func $plus_one (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func $add3 (param i32 i32 i32) (result i32 i32)
                (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (i32.const 100)))
                (i32.const 7))
              (func $none (param i32 i32))
              (func (export "call_as_2to1") (param $i i32) (param $a i32) (param $b i32) (result i32)
                (local $k i32) (local $acc i32)
                (loop $again
                  (local.set $acc (i32.add (local.get $acc)
                    (call_indirect (type $two_to_one) (local.get $a) (local.get $b) (local.get $i))))
                  (br_if $again (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 3))))
                (local.get $acc))
              (func (export "call_plain") (param $i i32) (result i32)
                (call_indirect (type $two_to_one) (i32.const 5) (i32.const 6) (local.get $i))))""";

    private static Instance instantiate(Tier tier, boolean emulate) {
        EngineConfig config = EngineConfig.DEFAULT.withFunctionPointerCastEmulation(emulate).withTier(tier);
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @Test
    void everyMismatchAdaptsAsInTheInterpreter() {
        Instance interpreted = instantiate(Tier.INTERPRETER, true);
        Instance compiled = instantiate(Tier.COMPILED, true);
        assertNotNull(compiled.function("call_as_2to1").jit, "the caller runs compiled under emulation too");
        for (int i = 0; i < 4; i++) {
            long[] expected = interpreted.invoke("call_as_2to1", i, 20, 22);
            assertArrayEquals(expected, compiled.invoke("call_as_2to1", i, 20, 22), "table entry " + i);
            assertArrayEquals(interpreted.invoke("call_plain", i), compiled.invoke("call_plain", i), "entry " + i);
        }
        assertArrayEquals(new long[]{3 * 21}, compiled.invoke("call_as_2to1", 0, 20, 22));
        assertArrayEquals(new long[]{3 * 142}, compiled.invoke("call_as_2to1", 2, 20, 22));
        assertArrayEquals(new long[]{0}, compiled.invoke("call_as_2to1", 3, 20, 22));
    }

    @Test
    void anInterpretedCallerAdaptsTheResultsOfACompiledCallee() {
        Instance interpreted = instantiate(Tier.INTERPRETER, true);
        Instance mixed = instantiate(Tier.INTERPRETER, true);
        for (int f = 0; f < 4; f++) {
            assertTrue(JitInstaller.install(mixed.functions[f]), "callee " + f + " compiles");
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(interpreted.invoke("call_as_2to1", i, 20, 22), mixed.invoke("call_as_2to1", i, 20, 22),
                    "table entry " + i);
        }
    }

    @Test
    void withoutEmulationTheCompiledCallTrapsAsTheInterpreterDoes() {
        Trap interpreted = assertThrows(Trap.class, () -> instantiate(Tier.INTERPRETER, false).invoke("call_plain", 0));
        Trap compiled = assertThrows(Trap.class, () -> instantiate(Tier.COMPILED, false).invoke("call_plain", 0));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, compiled.kind());
        assertEquals(interpreted.moduleOffset(), compiled.moduleOffset());
        assertEquals(interpreted.detail(), compiled.detail());
        assertEquals(interpreted.stack(), compiled.stack());
    }
}
