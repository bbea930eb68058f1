package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import org.junit.jupiter.api.Test;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstructionReaderTest {
    /** Reads one instruction placed at module offset 3, after three filler bytes. */
    private static Instruction read(int... encoding) {
        byte[] b = new byte[3 + encoding.length];
        for (int i = 0; i < encoding.length; i++) {
            b[3 + i] = (byte) encoding[i];
        }
        ByteReader r = new ByteReader(b, 3, b.length);
        Instruction in = InstructionReader.read(r);
        assertEquals(b.length, r.pos(), "the whole encoding is consumed");
        assertEquals(3, in.moduleOffset());
        return in;
    }

    private static MalformedModuleException malformed(int... encoding) {
        return assertThrows(MalformedModuleException.class,
                () -> InstructionReader.read(new ByteReader(bytes(encoding))));
    }

    @Test
    void immediatesOfEachKind() {
        assertArrayEquals(new long[0], read(0x6A).immediates());
        assertArrayEquals(new long[] {-64}, read(0x02, 0x40).immediates());
        assertArrayEquals(new long[] {-1}, read(0x03, 0x7F).immediates());
        assertArrayEquals(new long[] {-16}, read(0x04, 0x70).immediates());
        assertArrayEquals(new long[] {200}, read(0x02, 0xC8, 0x01).immediates());
        assertArrayEquals(new long[] {3, 1, 7}, read(0x0E, 2, 3, 1, 7).immediates());
        assertArrayEquals(new long[] {5, 1}, read(0x11, 5, 1).immediates());
        assertArrayEquals(new long[] {2, 0xFFFF_FFFFL, 0}, read(0x28, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).immediates());
        // Flag bit 6: the memory index (multi-memory) follows the alignment, before the offset.
        assertArrayEquals(new long[] {2, 8, 1}, read(0x28, 0x42, 1, 8).immediates());
        assertArrayEquals(new long[] {0}, read(0x40, 0x00).immediates());
        assertArrayEquals(new long[] {-1}, read(0x41, 0x7F).immediates());
        assertArrayEquals(new long[] {Long.MIN_VALUE},
                read(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).immediates());
        assertArrayEquals(new long[] {0x3F80_0000L}, read(0x43, 0, 0, 0x80, 0x3F).immediates());
        assertArrayEquals(new long[] {0x6F}, read(0xD0, 0x6F).immediates());
        assertArrayEquals(new long[] {0x7F, 0x7E}, read(0x1C, 2, 0x7F, 0x7E).immediates());
        assertEquals(Opcode.SELECT_T, read(0x1C, 0).opcode());
    }

    @Test
    void prefixedInstructions() {
        assertEquals(Opcode.I32_TRUNC_SAT_F32_S, read(0xFC, 0).opcode());
        // The sub-opcode is a u32 LEB128, so a padded encoding is still memory.copy.
        assertEquals(Opcode.MEMORY_COPY, read(0xFC, 0x8A, 0x00, 0x00, 0x00).opcode());
        assertArrayEquals(new long[] {4, 0}, read(0xFC, 8, 4, 0).immediates());
        assertArrayEquals(new long[] {6, 2}, read(0xFC, 12, 6, 2).immediates());
        assertArrayEquals(new long[] {1, 2}, read(0xFC, 14, 1, 2).immediates());
        assertArrayEquals(new long[] {3}, read(0xFC, 17, 3).immediates());
    }

    @Test
    void laterSpecsOpcodesAreUnsupportedNotIllegal() {
        // return_call_ref reads now: its type index.
        assertEquals(Opcode.RETURN_CALL_REF, read(0x15, 0x00).opcode());
        assertArrayEquals(new long[] {0}, read(0x15, 0x00).immediates());
        // Exception handling reads now: try_table's block type and catch clauses.
        assertArrayEquals(new long[] {-64, 1, 3, 2, 3, -1, 0},
                read(0x1F, 0x40, 2, 0x01, 3, 2, 0x03, 0).immediates());
        ByteReader atomic = new ByteReader(bytes(0xFE, 0x00));
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> InstructionReader.read(atomic));
        assertEquals(Feature.THREADS, e.feature());
        assertEquals(0, e.moduleOffset());
    }

    @Test
    void simdInstructionsCarryTheirSubOpcodeAndImmediates() {
        // i32x4.extract_lane 3; v128.load32_lane align=4 offset=8 lane 2 (memory 0, then 1); i8x16.shuffle 0..15.
        assertArrayEquals(new long[] {0x1B, 3}, read(0xFD, 0x1B, 3).immediates());
        assertArrayEquals(new long[] {0x56, 2, 8, 2, 0}, read(0xFD, 0x56, 2, 8, 2).immediates());
        assertArrayEquals(new long[] {0x56, 2, 8, 2, 1}, read(0xFD, 0x56, 0x42, 1, 8, 2).immediates());
        assertEquals("v128.load32_lane 1 offset=8 align=4 2", InstructionText.of(read(0xFD, 0x56, 0x42, 1, 8, 2)));
        // v128.store 1 offset=2^32 (a u64 offset, 3.0; the validator bounds a 32-bit memory's).
        assertArrayEquals(new long[] {0x0B, 4, 1L << 32, 1},
                read(0xFD, 0x0B, 0x44, 1, 0x80, 0x80, 0x80, 0x80, 0x10).immediates());
        assertEquals("v128.store offset=16 align=16", InstructionText.of(read(0xFD, 0x0B, 4, 16)));
        Instruction shuffle = read(0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertArrayEquals(new long[] {0x0D, 0x0706050403020100L, 0x0F0E0D0C0B0A0908L}, shuffle.immediates());
        assertEquals("i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15", InstructionText.of(shuffle));
        assertEquals("v128.load32_lane offset=8 align=4 2", InstructionText.of(read(0xFD, 0x56, 2, 8, 2)));
        assertEquals("i32x4.extract_lane 3", InstructionText.of(read(0xFD, 0x1B, 3)));
    }

    @Test
    void memoryIndicesAreU32s() {
        // 3.0 reads 2.0's reserved zero bytes as memory indices (multi-memory), in any LEB128 length.
        assertArrayEquals(new long[] {1}, read(0x3F, 0x01).immediates());
        assertArrayEquals(new long[] {0}, read(0x40, 0x80, 0x00).immediates());
        assertArrayEquals(new long[] {0, 1}, read(0xFC, 10, 0, 1).immediates());
        assertArrayEquals(new long[] {0, 1}, read(0xFC, 8, 0, 1).immediates());
        assertEquals("memory.copy 0 1", InstructionText.of(read(0xFC, 10, 0, 1)));
        assertEquals("memory.init 1 0", InstructionText.of(read(0xFC, 8, 0, 1)));
        assertEquals("memory.size", InstructionText.of(read(0x3F, 0x00)));
        assertEquals("i32.load 1 offset=8 align=4", InstructionText.of(read(0x28, 0x42, 1, 8)));
    }

    @Test
    void encodingErrors() {
        assertEquals("illegal opcode", malformed(0x17).reason());
        assertEquals("illegal opcode 0xfd 154", malformed(0xFD, 0x9A, 0x01).reason());
        MalformedModuleException unknownMisc = malformed(0xFC, 18);
        assertEquals("illegal opcode", unknownMisc.reason());
        assertEquals(0, unknownMisc.moduleOffset());
        assertEquals("malformed reference type", malformed(0xD0, 0x7F).reason());
        assertEquals("malformed value type", malformed(0x02, 0x60).reason());
        assertEquals("malformed value type", malformed(0x02, 0xFF, 0x7F).reason());
        assertEquals("malformed value type", malformed(0x1C, 1, 0x40).reason());
        assertEquals("integer representation too long", malformed(0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).reason());
        assertEquals("integer too large", malformed(0x41, 0x80, 0x80, 0x80, 0x80, 0x70).reason());
        assertEquals("unexpected end", malformed(0x44, 0, 0, 0).reason());
    }

    @Test
    void hugeVectorLengthsAreRejectedBeforeAllocating() {
        MalformedModuleException e = malformed(0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0);
        assertEquals("unexpected end", e.reason());
        assertEquals(7, e.moduleOffset());
        assertEquals("unexpected end", malformed(0x1C, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).reason());
    }

    @Test
    void instructionsAreValues() {
        long[] imm = {1, 2};
        Instruction a = new Instruction(Opcode.CALL_INDIRECT, imm, 9);
        imm[0] = 99;
        assertEquals(1, a.immediate(0));
        a.immediates()[1] = 99;
        assertEquals(2, a.immediate(1));
        assertEquals(a, Instruction.of(Opcode.CALL_INDIRECT, 9, 1, 2));
        assertEquals(a.hashCode(), Instruction.of(Opcode.CALL_INDIRECT, 9, 1, 2).hashCode());
    }

    @Test
    void expressionScannerSkipsNestedBlocks() {
        // block; if (result i32); i32.const 0x0B; else; i32.const 1; end; end; end | trailing byte
        byte[] b = bytes(0x02, 0x40, 0x04, 0x7F, 0x41, 0x0B, 0x05, 0x41, 1, 0x0B, 0x0B, 0x0B, 0x99);
        ByteReader r = new ByteReader(b);
        assertEquals(b.length - 1, ExpressionScanner.skipToEnd(r));
        assertEquals(b.length - 1, r.pos());
    }
}
