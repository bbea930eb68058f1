package dev.trapdoor.engine.instr;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpcodeTest {
    @Test
    void everyOpcodeIsFoundByItsEncoding() {
        for (Opcode op : Opcode.values()) {
            assertSame(op, op.prefix() == 0 ? Opcode.ofByte(op.code()) : Opcode.ofMiscCode(op.code()), op.name());
        }
    }

    @Test
    void coversWasm2TypedFunctionReferencesTailCallsExceptionsAndGcAndNothingElse() {
        int single = 0;
        for (int b = 0; b < 256; b++) {
            single += Opcode.ofByte(b) != null ? 1 : 0;
        }
        // 0x00-0x05, 0x0B-0x11, 0x1A-0x1C, 0x20-0x26, 0x28-0xC4, 0xD0-0xD2, and SIMD's prefix 0xFD as one entry;
        // typed function references' call_ref (0x14) and 0xD4-0xD6; 3.0's tail calls (0x12, 0x13, 0x15) and
        // exception handling (0x06-0x0A, 0x18, 0x19, 0x1F); GC's ref.eq (0xD3) and its prefix 0xFB as one entry.
        assertEquals(6 + 7 + 3 + 7 + (0xC4 - 0x28 + 1) + 3 + 1 + 4 + 3 + 8 + 2, single);
        assertSame(Opcode.SIMD, Opcode.ofByte(0xFD));
        assertSame(Opcode.GC, Opcode.ofByte(0xFB));
        for (int b : new int[] {0x1D, 0x27, 0xC5, 0xCF, 0xFC, 0xFE, 0xFF}) {
            assertNull(Opcode.ofByte(b), "0x" + Integer.toHexString(b));
        }
        for (int code = 0; code <= 17; code++) {
            assertEquals(code, Opcode.ofMiscCode(code).code());
        }
        assertNull(Opcode.ofMiscCode(18));
        assertNull(Opcode.ofMiscCode(-1));
        assertNull(Opcode.ofMiscCode(1L << 32));
    }

    @Test
    void mnemonicsAreUniqueExceptTheTwoSelects() {
        Set<String> seen = new HashSet<>();
        for (Opcode op : Opcode.values()) {
            assertTrue(seen.add(op.mnemonic()) || op == Opcode.SELECT_T, op.mnemonic());
        }
        assertEquals("i64.trunc_sat_f64_u", Opcode.ofMiscCode(7).mnemonic());
        assertEquals("i64.extend32_s", Opcode.ofByte(0xC4).mnemonic());
        assertEquals("f64.reinterpret_i64", Opcode.ofByte(0xBF).mnemonic());
        assertEquals("i64.store32", Opcode.ofByte(0x3E).mnemonic());
    }

    @Test
    void immediateKinds() {
        assertEquals(ImmediateKind.MEMARG, Opcode.I64_LOAD32_U.immediateKind());
        assertEquals(ImmediateKind.MEMORY, Opcode.MEMORY_GROW.immediateKind());
        assertEquals(ImmediateKind.ELEM_TABLE, Opcode.TABLE_INIT.immediateKind());
        assertEquals(ImmediateKind.TABLE, Opcode.TABLE_FILL.immediateKind());
        assertEquals(ImmediateKind.NONE, Opcode.I32_TRUNC_SAT_F32_S.immediateKind());
        assertTrue(Opcode.IF.opensBlock());
        assertTrue(!Opcode.ELSE.opensBlock());
    }
}
