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
        if (sub >= 0x28 && sub <= 0x3E) {
            access(inst.memories[a], sub, s, fp + b, address(s[fp + c], is64),
                    Integer.toUnsignedLong(d) | (long) e << 32);
            return pc + Op.WIDE_LENGTH;
        }
        switch (sub) {
            case 0x3F -> s[fp + b] = inst.memories[a].pages();
            case 0x40 -> s[fp + b] = inst.memories[a].growPages(address(s[fp + c], is64));
            case 0x48 -> Bulk.memoryInit(inst, a, b, narrow(s[fp + c], is64), (int) s[fp + d], (int) s[fp + e]);
            case 0x4A -> {
                boolean src64 = (flags & 2) != 0;
                Bulk.memoryCopy(inst.memories[a], inst.memories[b], narrow(s[fp + c], is64),
                        narrow(s[fp + d], src64), narrow(s[fp + e], is64 && src64));
            }
            case 0x4B -> Bulk.memoryFill(inst.memories[a], narrow(s[fp + c], is64), (int) s[fp + d],
                    narrow(s[fp + e], is64));
            case 0x11 -> s[fp + b] = narrow(s[fp + c], true);
            case 0x25 -> {
                TableInstance t = inst.tables[a];
                int i = narrow(s[fp + c], true);
                SlowOps.checkTable(t, a, i);
                s[fp + b] = t.elements[i];
            }
            case 0x26 -> {
                TableInstance t = inst.tables[a];
                int i = narrow(s[fp + c], true);
                SlowOps.checkTable(t, a, i);
                t.elements[i] = s[fp + d];
            }
            case 0x4C -> Bulk.tableInit(inst, a, b, narrow(s[fp + c], true), (int) s[fp + d], (int) s[fp + e]);
            case 0x4E -> {
                boolean src64 = (flags & 2) != 0;
                Bulk.tableCopy(inst.tables[a], inst.tables[b], narrow(s[fp + c], is64), narrow(s[fp + d], src64),
                        narrow(s[fp + e], is64 && src64));
            }
            case 0x4F -> s[fp + b] = inst.tables[a].grow(narrow(s[fp + c], true), s[fp + b]);
            case 0x50 -> s[fp + b] = inst.tables[a].size();
            case 0x51 -> Bulk.tableFill(inst.tables[a], narrow(s[fp + c], true), s[fp + d],
                    narrow(s[fp + e], true));
            default -> throw new IllegalStateException("unknown wide opcode 0x" + Integer.toHexString(sub)
                    + " at pc " + pc);
        }
        return pc + Op.WIDE_LENGTH;
    }

    private static long address(long slot, boolean is64) {
        return is64 ? slot : slot & 0xFFFF_FFFFL;
    }

    /** A load into or a store from slot {@code valueSlot} at {@code base + offset}, both unsigned. */
    private static void access(MemoryInstance mem, int op, long[] s, int valueSlot, long base, long offset) {
        int width = width(op);
        boolean store = op >= 0x36;
        long size = mem.size;
        // base + offset + width <= size, without overflowing 64 bits.
        if (Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(base, size - offset) > 0
                || size - offset - base < width) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    new TrapDetail.MemoryAccess(store, base + offset, base, offset, width, size));
        }
        int ea = (int) (base + offset);
        long m = mem.base;
        switch (op) {
            case 0x28, 0x2A, 0x34 -> s[valueSlot] = RawMemory.getInt(m, ea);
            case 0x29, 0x2B -> s[valueSlot] = RawMemory.getLong(m, ea);
            case 0x2C, 0x30 -> s[valueSlot] = RawMemory.getByte(m, ea);
            case 0x2D, 0x31 -> s[valueSlot] = RawMemory.getByte(m, ea) & 0xFF;
            case 0x2E, 0x32 -> s[valueSlot] = RawMemory.getShort(m, ea);
            case 0x2F, 0x33 -> s[valueSlot] = RawMemory.getShort(m, ea) & 0xFFFF;
            case 0x35 -> s[valueSlot] = RawMemory.getInt(m, ea) & 0xFFFF_FFFFL;
            case 0x36, 0x38, 0x3E -> RawMemory.putInt(m, ea, (int) s[valueSlot]);
            case 0x37, 0x39 -> RawMemory.putLong(m, ea, s[valueSlot]);
            case 0x3A, 0x3C -> RawMemory.putByte(m, ea, (byte) s[valueSlot]);
            case 0x3B, 0x3D -> RawMemory.putShort(m, ea, (short) s[valueSlot]);
            default -> throw new IllegalStateException("not a memory access: 0x" + Integer.toHexString(op));
        }
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
