package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function counts as holding v128 values only when it really does: the SIMD prefix byte inside an immediate once
 * sent scalar functions (nbody's f64 constants) to the interpreter and to two-half moves.
 */
class V128PresenceTest {
    private static WasmModule load(String wat) {
        return Wasm.load(Wat.compile("m.wat", wat).binary());
    }

    @Test
    void prefixByteInsideAnImmediateIsNotSimd() {
        // i32.const 253 encodes as 0x41 0xFD 0x01.
        WasmModule m = load("(module (func (result i32) i32.const 253))");
        assertFalse(V128Presence.mayHoldV128(m, 0));
    }

    @Test
    void simdInstructionIsSimd() {
        WasmModule m = load("(module (func (result i32) i32.const 253 i32x4.splat i32x4.extract_lane 0))");
        assertTrue(V128Presence.mayHoldV128(m, 0));
    }

    @Test
    void v128LocalIsSimd() {
        WasmModule m = load("(module (func (local v128)))");
        assertTrue(V128Presence.mayHoldV128(m, 0));
    }
}
