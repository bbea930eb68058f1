package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop counter's {@code i = i + k} followed by the branch that tests it becomes one instruction. These loops count
 * with each kind of test clang emits, and check both the result and that the fused instruction was used.
 */
class StepAndBranchTest {
    private static Instance instance(String body) {
        String wat = "(module (func (export \"f\") (param i32 i32) (result i32) (local i32 i32) " + body + "))";
        return new Store().instantiate(Wasm.load(Wabt.wat(wat)), ImportResolver.NONE);
    }

    private static long run(Instance inst, long... args) {
        return inst.invoke("f", args)[0];
    }

    private static boolean fused(Instance inst) {
        int[] code = Interpreter.compiled(inst.function("f")).code;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (code[pc] == Op.INC_BR_CMP_IMM || code[pc] == Op.INC_BR_CMP) {
                return true;
            }
        }
        return false;
    }

    @Test
    void countingUpToZeroBranchesWhileNonZero() {
        // i from -n up to 0 in steps of 1, summing: clang's shape for loops over a fixed-size buffer.
        Instance inst = instance("(local.set 2 (i32.sub (i32.const 0) (local.get 0)))"
                + " (loop $l (local.set 3 (i32.add (local.get 3) (local.get 2)))"
                + "   (br_if $l (local.tee 2 (i32.add (local.get 2) (i32.const 1))))) (local.get 3)");
        assertEquals(-(10 * 11 / 2), run(inst, 10, 0));
        assertTrue(fused(inst), Arrays.toString(Interpreter.compiled(inst.function("f")).code));
    }

    @Test
    void comparedWithAConstant() {
        Instance inst = instance("(loop $l (local.set 3 (i32.add (local.get 3) (i32.const 3)))"
                + "   (br_if $l (i32.lt_u (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 7))))"
                + " (local.get 3)");
        assertEquals(21, run(inst, 0, 0));
        assertTrue(fused(inst));
    }

    @Test
    void comparedWithAnotherLocalSignedAndUnsigned() {
        Instance signed = instance("(local.set 2 (i32.const -5)) (loop $l (local.set 3 (i32.add (local.get 3)"
                + " (i32.const 1))) (br_if $l (i32.gt_s (local.get 1) (local.tee 2 (i32.add (local.get 2)"
                + " (i32.const 2)))))) (local.get 3)");
        assertEquals(5, run(signed, 0, 4), "-3, -1, 1, 3 are below 4; 5 is not");
        Instance unsigned = instance("(local.set 2 (i32.const -5)) (loop $l (local.set 3 (i32.add (local.get 3)"
                + " (i32.const 1))) (br_if $l (i32.lt_u (local.tee 2 (i32.add (local.get 2) (i32.const 2)))"
                + " (local.get 1)))) (local.get 3)");
        assertEquals(1, run(unsigned, 0, 4), "-3 is not below 4 unsigned");
        assertTrue(fused(signed) || fused(unsigned));
    }

    @Test
    void aStepIntoAnOperandSlotBranchesOnTheSum() {
        Instance inst = instance("(block $b (br_if $b (i32.add (local.get 0) (i32.const -3))) (return (i32.const 7)))"
                + " (i32.const 9)");
        assertEquals(7, run(inst, 3, 0));
        assertEquals(9, run(inst, 4, 0));
    }
}
