package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.util.Arrays;

/**
 * Bulk memory and table operations, shared by the interpreter and instantiation. All counts and offsets are unsigned
 * 32-bit values; bounds are checked before anything is written, as Wasm 2.0 requires.
 */
final class Bulk {
    private Bulk() {
    }

    private static boolean outside(long offset, long count, long size) {
        return Integer.toUnsignedLong((int) offset) + Integer.toUnsignedLong((int) count) > size;
    }

    static void memoryInit(Instance inst, int memIndex, int dataIndex, int dst, int src, int count) {
        MemoryInstance mem = inst.memories[memIndex];
        DataSegment seg = inst.module.data().get(dataIndex);
        int segLength = inst.droppedData[dataIndex] ? 0 : seg.length();
        if (outside(src, count, segLength) || outside(dst, count, mem.size)) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS, new TrapDetail.BulkAccess("memory.init", String.format("%d bytes from data segment %d (length %d) at offset %d to address 0x%x, memory size %d",
                    Integer.toUnsignedLong(count), dataIndex, segLength, Integer.toUnsignedLong(src),
                    Integer.toUnsignedLong(dst), mem.size)));
        }
        RawMemory.fromArray(inst.module.bytes(), seg.dataOffset() + src, mem.base, dst, count);
    }

    static void memoryCopy(MemoryInstance dstMem, MemoryInstance srcMem, int dst, int src, int count) {
        if (outside(src, count, srcMem.size) || outside(dst, count, dstMem.size)) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS, new TrapDetail.BulkAccess("memory.copy", String.format("%d bytes from address 0x%x to 0x%x, memory size %d",
                    Integer.toUnsignedLong(count), Integer.toUnsignedLong(src), Integer.toUnsignedLong(dst),
                    dstMem.size)));
        }
        RawMemory.copy(srcMem.base, src, dstMem.base, dst, count);
    }

    static void memoryFill(MemoryInstance mem, int dst, int value, int count) {
        if (outside(dst, count, mem.size)) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS, new TrapDetail.BulkAccess("memory.fill", String.format("%d bytes at address 0x%x, memory size %d",
                    Integer.toUnsignedLong(count), Integer.toUnsignedLong(dst), mem.size)));
        }
        RawMemory.UNSAFE.setMemory(null, mem.base + dst, count, (byte) value);
    }

    static void tableInit(Instance inst, int tableIndex, int elemIndex, int dst, int src, int count) {
        TableInstance table = inst.tables[tableIndex];
        long[] seg = inst.elements[elemIndex];
        if (outside(src, count, seg.length) || outside(dst, count, table.elements.length)) {
            throw new TrapSignal(TrapKind.TABLE_OUT_OF_BOUNDS, new TrapDetail.BulkAccess("table.init", String.format("%d elements from element segment %d (length %d) at %d to table %d index %d, table size %d",
                    Integer.toUnsignedLong(count), elemIndex, seg.length, Integer.toUnsignedLong(src), tableIndex,
                    Integer.toUnsignedLong(dst), table.elements.length)));
        }
        System.arraycopy(seg, src, table.elements, dst, count);
    }

    static void tableCopy(TableInstance dstTable, TableInstance srcTable, int dst, int src, int count) {
        if (outside(src, count, srcTable.elements.length) || outside(dst, count, dstTable.elements.length)) {
            throw new TrapSignal(TrapKind.TABLE_OUT_OF_BOUNDS, new TrapDetail.BulkAccess("table.copy", String.format("%d elements from index %d (table size %d) to index %d (table size %d)",
                    Integer.toUnsignedLong(count), Integer.toUnsignedLong(src), srcTable.elements.length,
                    Integer.toUnsignedLong(dst), dstTable.elements.length)));
        }
        System.arraycopy(srcTable.elements, src, dstTable.elements, dst, count);
    }

    static void tableFill(TableInstance table, int dst, long ref, int count) {
        if (outside(dst, count, table.elements.length)) {
            throw new TrapSignal(TrapKind.TABLE_OUT_OF_BOUNDS, new TrapDetail.BulkAccess("table.fill", String.format("%d elements at index %d, table size %d",
                    Integer.toUnsignedLong(count), Integer.toUnsignedLong(dst), table.elements.length)));
        }
        Arrays.fill(table.elements, dst, dst + count, ref);
    }
}
