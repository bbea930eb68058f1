package dev.trapdoor.engine.exec;

import static dev.trapdoor.engine.exec.RawMemory.UNSAFE;

/**
 * {@link RawMemory}'s wider accessors addressed by the index of their last byte, {@code address + offset + width - 1}:
 * the index the compiled tier has just checked against the memory's size (so the access needs no other index, and the
 * chunk no bytes to compute one). Nothing here checks anything.
 */
final class RawMemoryByEnd {
    private RawMemoryByEnd() {
    }

    static short getShort(long base, int end) {
        return UNSAFE.getShort(null, base + end - 1);
    }

    static int getInt(long base, int end) {
        return UNSAFE.getInt(null, base + end - 3);
    }

    static long getLong(long base, int end) {
        return UNSAFE.getLong(null, base + end - 7);
    }

    static void putShort(long base, int end, short value) {
        UNSAFE.putShort(null, base + end - 1, value);
    }

    static void putInt(long base, int end, int value) {
        UNSAFE.putInt(null, base + end - 3, value);
    }

    static void putLong(long base, int end, long value) {
        UNSAFE.putLong(null, base + end - 7, value);
    }
}
