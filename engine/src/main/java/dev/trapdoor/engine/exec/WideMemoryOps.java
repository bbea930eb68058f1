package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;


/**
 * Runs the wide memory and table instructions ({@link WideMemoryTranslation}): any memory by index, 64-bit addresses,
 * 64-bit table indices. The layout is {@code WIDE + sub} a b c d e flags; {@code flags} bit 0 (bit 1: the source of a
 * copy) marks a 64-bit memory or table, whose operands are whole i64s, where a 32-bit one's are a slot's low 32 bits.
 *
 * <p>A memory or table is never larger than a Java array, so a 64-bit address, index or length past 2^32 is out of
 * bounds wherever it is used: {@link #narrow} turns it into 0xFFFFFFFF, which is out of bounds as well, and the bulk
 * operations of {@link Bulk} run unchanged on the narrowed values.
 *
 * <p>Each instruction is a static method on operands as their slots hold them, which the compiled tier calls as well
 * ({@code compile.WideOps}): one implementation, so both tiers trap alike.
 */
final class WideMemoryOps {
    private WideMemoryOps() {
    }

    /** A 32-bit operand for {@link Bulk} and the tables: a 64-bit value past 2^32 becomes 0xFFFFFFFF. */
    static int narrow(long value, boolean is64) {
        return !is64 || (value >= 0 && value <= 0xFFFF_FFFFL) ? (int) value : -1;
    }

    static int exec(Interpreter self, int sub, int[] code, int pc, long[] s, int fp) {
        Instance inst = self.instance();
        int a = code[pc + 1];
        int b = code[pc + 2];
        int c = code[pc + 3];
        int d = code[pc + 4];
        int e = code[pc + 5];
        int flags = code[pc + 6];
        boolean is64 = (flags & 1) != 0;
        if (sub >= 0x28 && sub <= 0x35) {
            s[fp + b] = load(inst, a, sub, is64, s[fp + c], Integer.toUnsignedLong(d) | (long) e << 32);
            return pc + Op.WIDE_LENGTH;
        }
        if (sub >= 0x36 && sub <= 0x3E) {
            store(inst, a, sub, is64, s[fp + c], Integer.toUnsignedLong(d) | (long) e << 32, s[fp + b]);
            return pc + Op.WIDE_LENGTH;
        }
        switch (sub) {
            case 0x3F -> s[fp + b] = size(inst, a);
            case 0x40 -> s[fp + b] = grow(inst, a, is64, s[fp + c]);
            case 0x48 -> memoryInit(inst, a, b, is64, s[fp + c], s[fp + d], s[fp + e]);
            case 0x4A -> memoryCopy(inst, a, b, flags, s[fp + c], s[fp + d], s[fp + e]);
            case 0x4B -> memoryFill(inst, a, is64, s[fp + c], s[fp + d], s[fp + e]);
            case 0x11 -> s[fp + b] = narrow(s[fp + c], true);
            case 0x25 -> s[fp + b] = tableGet(inst, a, s[fp + c]);
            case 0x26 -> tableSet(inst, a, s[fp + c], s[fp + d]);
            case 0x4C -> tableInit(inst, a, b, s[fp + c], s[fp + d], s[fp + e]);
            case 0x4E -> tableCopy(inst, a, b, flags, s[fp + c], s[fp + d], s[fp + e]);
            case 0x4F -> s[fp + b] = tableGrow(inst, a, s[fp + b], s[fp + c]);
            case 0x50 -> s[fp + b] = tableSize(inst, a);
            case 0x51 -> tableFill(inst, a, s[fp + c], s[fp + d], s[fp + e]);
            default -> throw new IllegalStateException("unknown wide opcode 0x" + Integer.toHexString(sub)
                    + " at pc " + pc);
        }
        return pc + Op.WIDE_LENGTH;
    }

    // ----- the instructions, on operands as their slots hold them; the compiled tier calls these too -----

    /** Load {@code op} (0x28-0x35) from memory {@code memory} at {@code address + offset}: the slot's new value. */
    static long load(Instance inst, int memory, int op, boolean is64, long address, long offset) {
        MemoryInstance mem = inst.memories[memory];
        int ea = effective(mem, op, address(address, is64), offset, false);
        long m = mem.base;
        return switch (op) {
            case 0x28, 0x2A, 0x34 -> RawMemory.getInt(m, ea);
            case 0x29, 0x2B -> RawMemory.getLong(m, ea);
            case 0x2C, 0x30 -> RawMemory.getByte(m, ea);
            case 0x2D, 0x31 -> RawMemory.getByte(m, ea) & 0xFF;
            case 0x2E, 0x32 -> RawMemory.getShort(m, ea);
            case 0x2F, 0x33 -> RawMemory.getShort(m, ea) & 0xFFFF;
            case 0x35 -> RawMemory.getInt(m, ea) & 0xFFFF_FFFFL;
            default -> throw new IllegalStateException("not a load: 0x" + Integer.toHexString(op));
        };
    }

    /** Store {@code op} (0x36-0x3E) of {@code value} into memory {@code memory} at {@code address + offset}. */
    static void store(Instance inst, int memory, int op, boolean is64, long address, long offset, long value) {
        MemoryInstance mem = inst.memories[memory];
        int ea = effective(mem, op, address(address, is64), offset, true);
        long m = mem.base;
        switch (op) {
            case 0x36, 0x38, 0x3E -> RawMemory.putInt(m, ea, (int) value);
            case 0x37, 0x39 -> RawMemory.putLong(m, ea, value);
            case 0x3A, 0x3C -> RawMemory.putByte(m, ea, (byte) value);
            case 0x3B, 0x3D -> RawMemory.putShort(m, ea, (short) value);
            default -> throw new IllegalStateException("not a store: 0x" + Integer.toHexString(op));
        }
    }

    static long size(Instance inst, int memory) {
        return inst.memories[memory].pages();
    }

    static long grow(Instance inst, int memory, boolean is64, long delta) {
        return inst.memories[memory].growPages(address(delta, is64));
    }

    static void memoryInit(Instance inst, int memory, int data, boolean is64, long dst, long src, long count) {
        Bulk.memoryInit(inst, memory, data, narrow(dst, is64), (int) src, (int) count);
    }

    /** {@code flags}: bit 0 the destination, bit 1 the source is a 64-bit memory. */
    static void memoryCopy(Instance inst, int dstMemory, int srcMemory, int flags, long dst, long src, long count) {
        boolean dst64 = (flags & 1) != 0;
        boolean src64 = (flags & 2) != 0;
        Bulk.memoryCopy(inst.memories[dstMemory], inst.memories[srcMemory], narrow(dst, dst64), narrow(src, src64),
                narrow(count, dst64 && src64));
    }

    static void memoryFill(Instance inst, int memory, boolean is64, long dst, long value, long count) {
        Bulk.memoryFill(inst.memories[memory], narrow(dst, is64), (int) value, narrow(count, is64));
    }

    // Tables reach here only when 64-bit (table.copy: when either is).

    static long tableGet(Instance inst, int table, long index) {
        TableInstance t = inst.tables[table];
        int i = narrow(index, true);
        SlowOps.checkTable(t, table, i);
        return t.elements[i];
    }

    static void tableSet(Instance inst, int table, long index, long value) {
        TableInstance t = inst.tables[table];
        int i = narrow(index, true);
        SlowOps.checkTable(t, table, i);
        t.elements[i] = value;
    }

    static void tableInit(Instance inst, int table, int elem, long dst, long src, long count) {
        Bulk.tableInit(inst, table, elem, narrow(dst, true), (int) src, (int) count);
    }

    /** {@code flags} as {@link #memoryCopy}'s, for tables. */
    static void tableCopy(Instance inst, int dstTable, int srcTable, int flags, long dst, long src, long count) {
        boolean dst64 = (flags & 1) != 0;
        boolean src64 = (flags & 2) != 0;
        Bulk.tableCopy(inst.tables[dstTable], inst.tables[srcTable], narrow(dst, dst64), narrow(src, src64),
                narrow(count, dst64 && src64));
    }

    static long tableGrow(Instance inst, int table, long init, long delta) {
        return inst.tables[table].grow(narrow(delta, true), init);
    }

    static long tableSize(Instance inst, int table) {
        return inst.tables[table].size();
    }

    static void tableFill(Instance inst, int table, long dst, long ref, long count) {
        Bulk.tableFill(inst.tables[table], narrow(dst, true), ref, narrow(count, true));
    }

    private static long address(long slot, boolean is64) {
        return is64 ? slot : slot & 0xFFFF_FFFFL;
    }

    /** {@code base + offset} (both unsigned) as an index, after checking that the access fits the memory. */
    private static int effective(MemoryInstance mem, int op, long base, long offset, boolean store) {
        int width = width(op);
        long size = mem.size;
        // base + offset + width <= size, without overflowing 64 bits.
        if (Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(base, size - offset) > 0
                || size - offset - base < width) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    new TrapDetail.MemoryAccess(store, base + offset, base, offset, width, size));
        }
        return (int) (base + offset);
    }

    private static int width(int op) {
        return switch (op) {
            case 0x29, 0x2B, 0x37, 0x39 -> 8;
            case 0x2C, 0x2D, 0x30, 0x31, 0x3A, 0x3C -> 1;
            case 0x2E, 0x2F, 0x32, 0x33, 0x3B, 0x3D -> 2;
            default -> 4;
        };
    }
}
