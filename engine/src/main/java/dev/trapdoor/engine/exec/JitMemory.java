package dev.trapdoor.engine.exec;

import java.util.Objects;

/**
 * Compiled code's loads and stores on memory 0 as one static call each ({@code compile.MemoryOps} emits them when
 * {@code -Dtrapdoor.jit.memoryCalls} is not {@code false}): the bounds checks and the raw access of the inline shape,
 * behind a call that HotSpot's two compilers treat differently on purpose.
 * <ul>
 *   <li>C1 (which compiles every hot guest chunk first, at level 3 with full profiling) does not inline a method of
 *       more than 35 bytes of bytecode ({@code C1MaxInlineSize}): a chunk's access is a plain static call, not the
 *       inlined chain ({@code RawMemory} → {@code sun.misc.Unsafe} → the intrinsic, and {@code Objects.checkIndex}
 *       once or twice), each level profiled. That chain was most of what C1 compiled per access.</li>
 *   <li>C2 inlines a method of up to 325 bytes ({@code FreqInlineSize}) at a call site that ran often, which every
 *       access of a chunk C2 compiles did: it sees the same checks and access as the inline shape, with the offset a
 *       constant, and merges the checks the same way.</li>
 * </ul>
 * So every helper must stay between those sizes ({@code JitMemoryTest} checks it), which is also why each one spells
 * out its checks instead of sharing an index helper: a getter shrunk under 35 bytes would be inlined by C1 again, the
 * access chain with it. Each one checks exactly as the
 * inline shape does, and throws the same {@link IndexOutOfBoundsException} before it reads or writes anything, inside
 * the site's handler range in the caller. {@code offset} is the static offset, from 0 to 2^31 - 9; larger ones keep
 * the inline shape (every such address faults or nearly).
 *
 * <p>With no offset, one check of the address against {@code size - width + 1}; with one, the address and then the
 * last byte against {@code size} (the shape C2 merges across accesses with a common base: {@code MemoryOps}).
 */
final class JitMemory {
    private JitMemory() {
    }

    static byte getByte(long base, int size, int addr, int offset) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset, size);
        }
        return RawMemory.UNSAFE.getByte(null, base + index);
    }

    static short getShort(long base, int size, int addr, int offset) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size - 1);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset + 1, size) - 1;
        }
        return RawMemory.UNSAFE.getShort(null, base + index);
    }

    static int getInt(long base, int size, int addr, int offset) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size - 3);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset + 3, size) - 3;
        }
        return RawMemory.UNSAFE.getInt(null, base + index);
    }

    static long getLong(long base, int size, int addr, int offset) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size - 7);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset + 7, size) - 7;
        }
        return RawMemory.UNSAFE.getLong(null, base + index);
    }

    /** Stores the low byte of {@code value}. */
    static void putByte(long base, int size, int addr, int offset, int value) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset, size);
        }
        RawMemory.UNSAFE.putByte(null, base + index, (byte) value);
    }

    /** Stores the low 16 bits of {@code value}. */
    static void putShort(long base, int size, int addr, int offset, int value) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size - 1);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset + 1, size) - 1;
        }
        RawMemory.UNSAFE.putShort(null, base + index, (short) value);
    }

    static void putInt(long base, int size, int addr, int offset, int value) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size - 3);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset + 3, size) - 3;
        }
        RawMemory.UNSAFE.putInt(null, base + index, value);
    }

    static void putLong(long base, int size, int addr, int offset, long value) {
        int index;
        if (offset == 0) {
            index = Objects.checkIndex(addr, size - 7);
        } else {
            Objects.checkIndex(addr, size);
            index = Objects.checkIndex(addr + offset + 7, size) - 7;
        }
        RawMemory.UNSAFE.putLong(null, base + index, value);
    }
}
