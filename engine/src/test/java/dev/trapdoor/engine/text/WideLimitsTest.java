package dev.trapdoor.engine.text;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 3.0 reads limits and memarg offsets as u64 in text and binary alike: a 32-bit memory or table whose sizes or
 * offsets pass 32 bits is well-formed, and invalid.
 */
class WideLimitsTest {
    private static String invalid(String wat) {
        byte[] binary = Wat.compile("t.wat", wat).binary();
        return assertThrows(InvalidModuleException.class, () -> Wasm.load(binary)).getMessage();
    }

    @Test
    void sizesPast32BitsParseAndAreInvalid() {
        assertTrue(invalid("(module (memory 0x1_0000_0000))").contains("memory size"));
        assertTrue(invalid("(module (memory 0 0x1_0000_0000))").contains("memory size"));
        assertTrue(invalid("(module (table 0x1_0000_0000 funcref))").contains("table size"));
        assertTrue(invalid("(module (table 0 0x1_0000_0000 funcref))").contains("table size"));
        assertTrue(invalid("(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))")
                .contains("offset out of range"));
        assertTrue(invalid("(module (memory 1) (func (drop (i32.load align=0x8000_0000_0000_0000 "
                + "(i32.const 0)))))").contains("alignment must not be larger than natural"));
    }

    @Test
    void theBinaryHoldsTheValueAsAU64() {
        byte[] binary = Wat.compile("t.wat", "(module (memory 0x1_0000_0000))").binary();
        // memory section: one memory, flag 0, min 2^32 as a five-byte LEB128
        byte[] expected = {5, 7, 1, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10};
        byte[] section = java.util.Arrays.copyOfRange(binary, 8, 8 + expected.length);
        assertArrayEquals(expected, section);
    }

    @Test
    void aU64PastItsTenthByteIsStillMalformed() {
        byte[] tooLong = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 13, 1, 0, (byte) 0x82, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        assertEquals("integer representation too long",
                assertThrows(MalformedModuleException.class, () -> Wasm.load(tooLong)).getMessage()
                        .replaceAll(".*: ", ""));
    }
}
