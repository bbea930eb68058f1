package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Declared locals start at their type's default: 0 for numbers, null for references (issue 27, found by fuzzing). */
class RefLocalsTest {
    private static final String WAT = "(module"
            + " (func $f (export \"f\") (result i32) (i32.const 7))"
            + " (elem declare func $f)"
            + " (func (export \"funcNull\") (result i32) (local funcref) (ref.is_null (local.get 0)))"
            + " (func (export \"externNull\") (result i32) (local i32 externref i64) (ref.is_null (local.get 1)))"
            + " (func (export \"returned\") (result funcref) (local i32 funcref) (local.get 1))"
            // Called after a frame that left a function reference in the same stack slots.
            + " (func $dirty (local funcref) (local.set 0 (ref.func $f)))"
            + " (func $fresh (result i32) (local funcref) (ref.is_null (local.get 0)))"
            + " (func (export \"afterDirty\") (result i32) (call $dirty) (call $fresh))"
            + " (func (export \"numbersStillZero\") (result i64) (local i64 funcref i64) (local.get 2)))";

    private static Instance instance() {
        return new Store().instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);
    }

    @Test
    void referenceLocalsStartNull() {
        Instance inst = instance();
        assertEquals(1, inst.invoke("funcNull")[0]);
        assertEquals(1, inst.invoke("externNull")[0]);
        assertEquals(Values.NULL_REF, inst.invoke("returned")[0]);
    }

    @Test
    void aCalleeFrameStartsNullToo() {
        assertEquals(1, instance().invoke("afterDirty")[0]);
    }

    @Test
    void numericLocalsStillStartZero() {
        assertEquals(0L, instance().invoke("numbersStillZero")[0]);
    }
}
