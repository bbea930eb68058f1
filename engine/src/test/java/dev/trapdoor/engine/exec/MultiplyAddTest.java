package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A float multiplication consumed right away by an add or subtract runs as one instruction, and must still round the
 * product before adding: the inputs here are chosen so that a fused multiply-add would give a different answer.
 */
class MultiplyAddTest {
    private static final String WAT = "(module"
            + " (func (export \"add64\") (param f64 f64 f64) (result f64)"
            + "   (f64.add (local.get 2) (f64.mul (local.get 0) (local.get 1))))"
            + " (func (export \"addFirst64\") (param f64 f64 f64) (result f64)"
            + "   (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))"
            + " (func (export \"sub64\") (param f64 f64 f64) (result f64)"
            + "   (f64.sub (local.get 2) (f64.mul (local.get 0) (local.get 1))))"
            + " (func (export \"add32\") (param f32 f32 f32) (result f32)"
            + "   (f32.add (local.get 2) (f32.mul (local.get 0) (local.get 1))))"
            + " (func (export \"sub32\") (param f32 f32 f32) (result f32)"
            + "   (f32.sub (local.get 2) (f32.mul (local.get 0) (local.get 1))))"
            + " (func (export \"productFirstSub\") (param f64 f64 f64) (result f64)"
            + "   (f64.sub (f64.mul (local.get 0) (local.get 1)) (local.get 2))))";

    private final Instance inst = new Store().instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);

    private double f64(String export, double x, double y, double c) {
        return Double.longBitsToDouble(inst.invoke(export, Values.f64(x), Values.f64(y), Values.f64(c))[0]);
    }

    private float f32(String export, float x, float y, float c) {
        return Float.intBitsToFloat((int) inst.invoke(export, Values.f32(x), Values.f32(y), Values.f32(c))[0]);
    }

    private boolean usesOp(String export, int op) {
        int[] code = Interpreter.compiled(inst.function(export)).code;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (code[pc] == op) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theProductIsRoundedBeforeTheAddition() {
        double x = 1 + 0x1p-27;
        double y = 1 - 0x1p-27;
        assertEquals(0.0, f64("add64", x, y, -1.0), "x*y rounds to 1; a fused multiply-add gives -2^-54");
        assertEquals(0.0, f64("addFirst64", x, y, -1.0));
        assertEquals(0.0, f64("sub64", x, y, 1.0));
        assertEquals(0.0f, f32("add32", 1 + 0x1p-13f, 1 - 0x1p-13f, -1.0f));
        assertEquals(0.0f, f32("sub32", 1 + 0x1p-13f, 1 - 0x1p-13f, 1.0f));
        assertEquals(2.0 * 3.0 - 10.0, f64("productFirstSub", 2, 3, 10), "x*y - c is not c - x*y");
    }

    @Test
    void theFusedFormsAreUsed() {
        assertTrue(usesOp("add64", Op.F64_MUL_ADD));
        assertTrue(usesOp("addFirst64", Op.F64_MUL_ADD));
        assertTrue(usesOp("sub64", Op.F64_MUL_SUB));
        assertTrue(usesOp("add32", Op.F32_MUL_ADD));
        assertTrue(usesOp("sub32", Op.F32_MUL_SUB));
    }
}
