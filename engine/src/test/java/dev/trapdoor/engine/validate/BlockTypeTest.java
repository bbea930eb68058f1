package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.MalformedModuleException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block type is 0x40, a one-byte value type, or a non-negative s33 type index. A negative s33 spelled in more
 * than one byte is none of them: malformed at load, as V8 says, not a crash at the first call (issue 27).
 */
class BlockTypeTest {
    /** {@code (func (block (result i32) (i32.const 0)) drop)} with the block type's two bytes given. */
    private static byte[] module(int b0, int b1) {
        return new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0,
                1, 4, 1, 0x60, 0, 0,
                3, 2, 1, 0,
                10, 11, 1, 9, 0, 2, (byte) b0, (byte) b1, 0x41, 0, 0x0B, 0x1A, 0x0B};
    }

    @Test
    void aTwoByteValueTypeIsMalformed() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> Wasm.load(module(0xFF, 0x7F)));
        assertTrue(e.getMessage().contains("malformed block type"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 0x18"), "names the block type's offset: "
                + e.getMessage());
    }

    @Test
    void theOneByteFormLoads() {
        // 0x7F followed by a nop (0x01) in the byte the long form used.
        assertDoesNotThrow(() -> Wasm.load(module(0x7F, 0x01)));
    }
}
