package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.TableType;

import static dev.trapdoor.engine.validate.Types.I32;
import static dev.trapdoor.engine.validate.Types.I64;

/**
 * The address type of a memory or table (3.0's memory64 and table64): i64 for a 64-bit one, i32 otherwise. It types
 * addresses, indices, sizes and lengths; a copy between a 32-bit and a 64-bit one takes its length as the smaller.
 */
final class AddressTypes {
    private AddressTypes() {
    }

    static int of(MemoryType m) {
        return m.is64() ? I64 : I32;
    }

    static int of(TableType t) {
        return t.is64() ? I64 : I32;
    }

    /** The length type of a copy between address types {@code a} and {@code b}. */
    static int min(int a, int b) {
        return a == I64 && b == I64 ? I64 : I32;
    }
}
