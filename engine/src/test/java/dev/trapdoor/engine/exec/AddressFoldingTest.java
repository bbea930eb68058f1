package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code base + K} consumed right away as an address is folded into the access. The fold must keep Wasm's two-step
 * semantics: the i32 addition wraps around, and only then is the unsigned offset added (33-bit, so it can fault).
 */
class AddressFoldingTest {
    private static final String WAT = "(module (memory 1)"
            + " (data (i32.const 0) \"\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\")"
            + " (func (export \"load\") (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const 4))))"
            + " (func (export \"loadOff\") (param i32) (result i32)"
            + "   (i32.load8_u offset=8 (i32.add (local.get 0) (i32.const -4))))"
            + " (func (export \"store\") (param i32 i32) (result i32)"
            + "   (i64.store32 (i32.add (local.get 0) (i32.const 100)) (i64.extend_i32_u (local.get 1)))"
            + "   (i32.store8 (i32.add (local.get 0) (i32.const 104)) (i32.const 9))"
            + "   (i32.load (i32.const 100)))"
            + " (func (export \"teed\") (param i32) (result i32)"
            + "   (i32.load8_u (local.tee 0 (i32.add (local.get 0) (i32.const 1)))) (local.get 0) (i32.add))"
            + " (func (export \"scaled\") (param i32) (result i32) (i32.load offset=4 (i32.shl (local.get 0) (i32.const 2))))"
            + " (func (export \"scaled64\") (param i32) (result i64) (i64.load (i32.shl (local.get 0) (i32.const 3))))"
            + " (func (export \"scaledPlus\") (param i32) (result i32)"
            + "   (i32.load offset=1 (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const -5))))"
            + " (func (export \"scaledTee\") (param i32) (result i32) (local i32)"
            + "   (i32.add (local.tee 1 (i32.load (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 4))))"
            + "     (i32.load (i32.shl (local.get 0) (i32.const 2)))) (local.get 1) (i32.sub))"
            + " (func (export \"inLoop\") (param i32) (result i32) (local i32)"
            + "   (loop $l (local.set 1 (i32.add (local.get 1) (i32.load8_u (i32.add (local.get 0) (i32.const 1)))))"
            + "     (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 4))))"
            + "   (local.get 1))"
            // Issue 27: the sum's base is a loaded value one position above the sum, where the stored constant goes.
            + " (func (export \"storeConstPlusLoad8\") (param i32) (result i32)"
            + "   (i32.store (i32.const 0) (local.get 0))"
            + "   (i32.store8 (i32.add (i32.const 1000) (i32.load (i32.const 0))) (i32.const 0x44))"
            + "   (i32.load8_u (i32.add (i32.const 1000) (local.get 0))))"
            + " (func (export \"storeConstPlusLoad\") (param i32) (result i32)"
            + "   (i32.store (i32.const 0) (local.get 0))"
            + "   (i32.store (i32.add (i32.const 1000) (i32.load (i32.const 0))) (i32.const 0x11223344))"
            + "   (i32.load (i32.add (i32.const 1000) (local.get 0)))))";

    private static Instance instance() {
        return new Store().instantiate(Wasm.load(Wabt.wat(WAT)), ImportResolver.NONE);
    }

    @Test
    void theAdditionWrapsBeforeTheAccess() {
        // -4 + 4 wraps to address 0: in bounds, though -4 as an unsigned base plus 4 would be 2^32.
        assertEquals(0x04030201, (int) instance().invoke("load", -4)[0]);
        assertEquals(0x08070605, (int) instance().invoke("load", 0)[0]);
    }

    @Test
    void theOffsetIsAddedAfterTheWrapAndCanFault() {
        Trap t = assertThrows(Trap.class, () -> instance().invoke("loadOff", 0));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind(), "0xFFFFFFFC + 8 is past 4 GiB, not address 4");
        assertEquals(9, instance().invoke("loadOff", 4)[0]);
        assertEquals(11, instance().invoke("loadOff", 6)[0]);
    }

    @Test
    void aShiftedIndexFoldsIntoTheLoadAndWrapsLikeI32Shl() {
        assertEquals(0x0c0b0a09, (int) instance().invoke("scaled", 1)[0], "(1 << 2) + 4 = 8");
        assertEquals(0x0c0b0a09, (int) instance().invoke("scaled", 0x4000_0001)[0], "0x40000001 << 2 wraps to 4");
        assertEquals(0x0807060504030201L, instance().invoke("scaled64", 0)[0]);
        assertEquals(0x0807060504030201L, instance().invoke("scaled64", 0x2000_0000)[0], "0x20000000 << 3 wraps to 0");
        Trap t = assertThrows(Trap.class, () -> instance().invoke("scaled", 0x4000));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        assertEquals(0x08070605, (int) instance().invoke("scaledPlus", 2)[0], "(2 << 2) - 5 + 1 = 4");
        assertEquals(0x08070605, (int) instance().invoke("scaledPlus", 0x4000_0002)[0], "the shift wraps first");
        Trap low = assertThrows(Trap.class, () -> instance().invoke("scaledPlus", 0));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, low.kind(), "0 - 5 wraps to 0xFFFFFFFB, + 1 is still out");
        assertTrue(usesScaledLoads(), "the shifts were folded");
    }

    @Test
    void aScaledLoadWrittenToALocalKeepsItsIndex() {
        // local.tee retargets the load's destination: it must not land on the index operand.
        assertEquals(0x04030201, (int) instance().invoke("scaledTee", 0)[0]);
        assertEquals(0x08070605, (int) instance().invoke("scaledTee", 1)[0]);
    }

    private static boolean usesScaledLoads() {
        Instance inst = instance();
        for (String f : new String[]{"scaled", "scaled64", "scaledPlus"}) {
            int[] code = Interpreter.compiled(inst.function(f)).code;
            if (code[0] != Op.I32_LOAD_SCALED && code[0] != Op.I64_LOAD_SCALED) {
                return false;
            }
        }
        return true;
    }

    @Test
    void storesFoldToo() {
        assertEquals(0x12345678, instance().invoke("store", 0, 0x12345678)[0]);
    }

    @Test
    void aStoredConstantDoesNotOverwriteTheAddressItWasAddedTo() {
        assertEquals(0x44, instance().invoke("storeConstPlusLoad8", 256)[0], "0x44 lands at 1000 + 256");
        assertEquals(0x11223344, instance().invoke("storeConstPlusLoad", 256)[0]);
        Trap t = assertThrows(Trap.class, () -> instance().invoke("storeConstPlusLoad8", 0x7fff_0000));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind(), "1000 + 0x7fff0000 is out of bounds, not 1000 + 0x44");
        Trap wide = assertThrows(Trap.class, () -> instance().invoke("storeConstPlusLoad", 0x7fff_0000));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, wide.kind());
    }

    @Test
    void aSumAlsoStoredInALocalIsNotLost() {
        assertEquals(3 + 2, instance().invoke("teed", 1)[0]);
    }

    @Test
    void foldedAccessesInALoop() {
        assertEquals(2 + 3 + 4 + 5, instance().invoke("inLoop", 0)[0]);
    }
}
