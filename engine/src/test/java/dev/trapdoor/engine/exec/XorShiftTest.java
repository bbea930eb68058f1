package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code c ^ (a >>> k)} right after the shift runs as one instruction, in either operand order, on i32 and i64; a
 * multiplication by a constant right after an i64 one joins it too.
 */
class XorShiftTest {
    private static final String WAT = "(module"
            + " (func (export \"mix64\") (param i64) (result i64)"
            + "   (i64.xor (local.get 0) (i64.shr_u (local.get 0) (i64.const 30))))"
            + " (func (export \"mixOther64\") (param i64 i64) (result i64)"
            + "   (i64.xor (i64.shr_u (local.get 0) (i64.const 33)) (local.get 1)))"
            + " (func (export \"mix32\") (param i32 i32) (result i32)"
            + "   (i32.xor (local.get 1) (i32.shr_u (local.get 0) (i32.const 16))))"
            + " (func (export \"high32\") (param i64 i32) (result i32)"
            + "   (i32.xor (local.get 1) (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32)))))"
            + " (func (export \"round\") (param i64) (result i64)"
            + "   (i64.mul (i64.xor (local.get 0) (i64.shr_u (local.get 0) (i64.const 30)))"
            + "            (i64.const 0xbf58476d1ce4e5b9)))"
            + " (func (export \"constFirst\") (param i64 i64) (result i64)"
            + "   (i64.mul (i64.const -3) (i64.xor (i64.shr_u (local.get 0) (i64.const 27)) (local.get 1))))"
            + " (func (export \"byLocal\") (param i64 i64) (result i64)"
            + "   (i64.mul (i64.xor (local.get 0) (i64.shr_u (local.get 0) (i64.const 31))) (local.get 1))))";

    private final Instance inst = new Store().instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);

    private boolean fused(String export) {
        int op = Interpreter.compiled(inst.function(export)).code[0];
        return op == Op.I32_XOR_SHR_U || op == Op.I64_XOR_SHR_U;
    }

    @Test
    void computesTheShiftThenTheXor() {
        long z = 0x9E37_79B9_7F4A_7C15L;
        assertEquals(z ^ (z >>> 30), inst.invoke("mix64", z)[0]);
        assertEquals((z >>> 33) ^ 0x1234L, inst.invoke("mixOther64", z, 0x1234L)[0]);
        int h = 0x85EB_CA6B;
        assertEquals((long) (7 ^ (h >>> 16)), inst.invoke("mix32", h, 7)[0], "unsigned shift of a negative i32");
        assertTrue(fused("mix64") && fused("mixOther64") && fused("mix32"));
    }

    @Test
    void xorsTheLowHalfOfAnI64ShiftIntoAnI32() {
        long r = 0x8765_4321_0FED_CBA9L;
        assertEquals((long) (0x1357_9BDF ^ (int) (r >>> 32)), inst.invoke("high32", r, 0x1357_9BDF)[0]);
        assertTrue(fused("high32"));
    }

    @Test
    void multipliesTheMixedValueByAConstantInTheSameInstruction() {
        long z = 0x9E37_79B9_7F4A_7C15L;
        assertEquals((z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L, inst.invoke("round", z)[0]);
        assertEquals(((z >>> 27) ^ 99L) * -3L, inst.invoke("constFirst", z, 99L)[0]);
        assertEquals(Op.I64_XOR_SHR_U_MUL, Interpreter.compiled(inst.function("round")).code[0]);
        assertEquals(Op.I64_XOR_SHR_U_MUL, Interpreter.compiled(inst.function("constFirst")).code[0]);
        assertEquals((z ^ (z >>> 31)) * 77L, inst.invoke("byLocal", z, 77L)[0], "a factor that is not constant");
        assertEquals(Op.I64_XOR_SHR_U, Interpreter.compiled(inst.function("byLocal")).code[0]);
    }
}
