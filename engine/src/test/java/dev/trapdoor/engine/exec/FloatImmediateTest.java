package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Float add, subtract and multiply with a constant operand carry the constant in the instruction; subtracting c is
 * adding -c, which IEEE 754 defines to be the same, down to the sign of zero.
 */
class FloatImmediateTest {
    private static final String WAT = "(module"
            + " (func (export \"mul32\") (param f32) (result f32) (f32.mul (f32.const 0.2) (local.get 0)))"
            + " (func (export \"sub32\") (param f32) (result f32) (f32.sub (local.get 0) (f32.const 0)))"
            + " (func (export \"add64\") (param f64) (result f64) (f64.add (local.get 0) (f64.const -1.5)))"
            + " (func (export \"sub64\") (param f64) (result f64) (f64.sub (local.get 0) (f64.const 0.1)))"
            + " (func (export \"rsub64\") (param f64) (result f64) (f64.sub (f64.const 1) (local.get 0)))"
            + " (func (export \"mul64\") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 1e300))))";

    private final Instance inst = new Store().instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);

    private float f32(String export, float x) {
        return Float.intBitsToFloat((int) inst.invoke(export, Values.f32(x))[0]);
    }

    private double f64(String export, double x) {
        return Double.longBitsToDouble(inst.invoke(export, Values.f64(x))[0]);
    }

    @Test
    void resultsMatchTheSeparateInstructions() {
        assertEquals(0.2f * 3.0f, f32("mul32", 3.0f));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(f32("sub32", -0.0f)), "-0 - 0 is -0");
        assertEquals(2.5 - 1.5, f64("add64", 2.5));
        assertEquals(0.3 - 0.1, f64("sub64", 0.3));
        assertEquals(1 - 0.25, f64("rsub64", 0.25), "a constant first operand of a subtraction stays first");
        assertEquals(Double.POSITIVE_INFINITY, f64("mul64", 1e10));
        assertTrue(Double.isNaN(f64("add64", Double.NaN)));
    }

    @Test
    void theConstantsAreImmediates() {
        for (String f : new String[]{"mul32", "sub32", "add64", "sub64", "mul64"}) {
            int op = Interpreter.compiled(inst.function(f)).code[0];
            assertTrue(op == Op.F32_ADD_IMM || op == Op.F32_MUL_IMM || op == Op.F64_ADD_IMM || op == Op.F64_MUL_IMM,
                    f + " starts with opcode 0x" + Integer.toHexString(op));
        }
    }
}
