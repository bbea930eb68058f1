package dev.trapdoor.engine.instr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdOpcodes#mayHoldV128} finds SIMD instructions, not the byte 0xFD: immediates contain that byte too, and
 * a function it wrongly flags runs slower (wide copies in the interpreter, and the compiled tier declines it).
 */
class SimdOpcodesMayHoldV128Test {
    private static WasmModule module(String funcs) {
        return Wasm.load(Wat.compile("m.wat", "(module (memory 1) " + funcs + ")").binary());
    }

    @Test
    void the0xFdByteInImmediatesIsNoSimdInstruction() {
        // 253 is 0xFD 0x01 in LEB128; -3 is 0x7D; offset=253 and local index 253 put 0xFD in other immediates.
        WasmModule m = module("(func (result i32) (local i32) (i32.const 253) (drop) (i64.const 253) (drop)"
                + " (i32.load offset=253 (i32.const 0)) (drop) (i32.const -3))"
                + "(func (param i32) (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)"
                + " (local.set 16 (i32.add (local.get 16) (i32.const 253))))");
        assertFalse(SimdOpcodes.mayHoldV128(m, 0));
        assertFalse(SimdOpcodes.mayHoldV128(m, 1));
    }

    @Test
    void aSimdInstructionAnywhereIsFound() {
        WasmModule m = module("(func (result i32) (i32.const 253) (drop)"
                + " (i32x4.extract_lane 0 (i32x4.splat (i32.const 1))))"
                + "(func (result i32) (i32x4.extract_lane 1 (v128.const i32x4 0 253 0 0)))");
        assertTrue(SimdOpcodes.mayHoldV128(m, 0));
        assertTrue(SimdOpcodes.mayHoldV128(m, 1));
    }
}
