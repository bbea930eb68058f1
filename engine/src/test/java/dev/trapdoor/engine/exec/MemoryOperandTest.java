package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A float add, subtract or multiply of a value loaded right before reads that value from memory itself. Operand
 * order, the load's address rules and its trap must be exactly the two instructions'.
 */
class MemoryOperandTest {
    private static final String WAT = "(module (memory 1)"
            + " (func (export \"init\") (f64.store (i32.const 8) (f64.const 2.5)) (f32.store (i32.const 16) (f32.const 1.25)))"
            + " (func (export \"add32\") (param f32 i32) (result f32) (f32.add (local.get 0) (f32.load (local.get 1))))"
            + " (func (export \"add64\") (param f64 i32) (result f64) (f64.add (f64.load (local.get 1)) (local.get 0)))"
            + " (func (export \"sub64\") (param f64 i32) (result f64) (f64.sub (local.get 0) (f64.load (local.get 1))))"
            + " (func (export \"subFirst64\") (param f64 i32) (result f64) (f64.sub (f64.load (local.get 1)) (local.get 0)))"
            + " (func (export \"mul64\") (param f64 i32) (result f64)"
            + "   (f64.mul (local.get 0) (f64.load offset=4 (i32.add (local.get 1) (i32.const -4))))))";

    private final Instance inst = new Store().instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);

    MemoryOperandTest() {
        inst.invoke("init");
    }

    private double f64(String export, double a, int address) {
        return Double.longBitsToDouble(inst.invoke(export, Values.f64(a), address)[0]);
    }

    private boolean fused(String export) {
        int op = Interpreter.compiled(inst.function(export)).code[0];
        return op >= Op.F32_ADD_LOAD && op <= Op.F64_MUL_LOAD;
    }

    @Test
    void operandsKeepTheirOrder() {
        assertEquals(3.0f, Float.intBitsToFloat((int) inst.invoke("add32", Values.f32(1.75f), 16)[0]));
        assertEquals(2.5 + 0.5, f64("add64", 0.5, 8));
        assertEquals(10.0 - 2.5, f64("sub64", 10.0, 8));
        assertEquals(2.5 - 10.0, f64("subFirst64", 10.0, 8));
        assertEquals(4.0 * 2.5, f64("mul64", 4.0, 8));
        for (String f : new String[]{"add32", "add64", "sub64", "mul64"}) {
            assertTrue(fused(f), f + " reads its operand from memory");
        }
    }

    @Test
    void theLoadStillTrapsWithItsAddress() {
        Trap t = assertThrows(Trap.class, () -> inst.invoke("mul64", Values.f64(1.0), 65532));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        TrapDetail.MemoryAccess d = assertInstanceOf(TrapDetail.MemoryAccess.class, t.detail());
        assertEquals(65528, d.base(), "the folded address, 65532 - 4");
        assertEquals(65532, d.address());
        assertEquals(8, d.width());
        Trap t32 = assertThrows(Trap.class, () -> inst.invoke("add32", Values.f32(1.0f), 65534));
        assertEquals(4, assertInstanceOf(TrapDetail.MemoryAccess.class, t32.detail()).width());
    }
}
