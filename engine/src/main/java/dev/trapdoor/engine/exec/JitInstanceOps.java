package dev.trapdoor.engine.exec;

/**
 * The table, reference and bulk memory instructions compiled code calls out for (emitted by
 * {@code compile.RuntimeOps}), on memory 0 and the instance's tables. Their trap checks are {@link SlowOps}' and
 * {@link Bulk}'s, shared with the interpreter, so both tiers report the same trap.
 */
final class JitInstanceOps {
    private JitInstanceOps() {
    }

    static long tableGet(JitContext c, int table, int i) {
        TableInstance t = c.inst.tables[table];
        SlowOps.checkTable(t, table, i);
        return t.elements[i];
    }

    static void tableSet(JitContext c, int table, int i, long value) {
        TableInstance t = c.inst.tables[table];
        SlowOps.checkTable(t, table, i);
        t.elements[i] = value;
    }

    static int tableSize(JitContext c, int table) {
        return c.inst.tables[table].size();
    }

    static int tableGrow(JitContext c, int table, long init, int delta) {
        return c.inst.tables[table].grow(delta, init);
    }

    static void tableFill(JitContext c, int table, int dst, long ref, int count) {
        Bulk.tableFill(c.inst.tables[table], dst, ref, count);
    }

    static void tableCopy(JitContext c, int dstTable, int srcTable, int dst, int src, int count) {
        Bulk.tableCopy(c.inst.tables[dstTable], c.inst.tables[srcTable], dst, src, count);
    }

    static void tableInit(JitContext c, int table, int elem, int dst, int src, int count) {
        Bulk.tableInit(c.inst, table, elem, dst, src, count);
    }

    static void elemDrop(JitContext c, int elem) {
        c.inst.elements[elem] = new long[0];
    }

    static void memoryInit(JitContext c, int data, int dst, int src, int count) {
        Bulk.memoryInit(c.inst, 0, data, dst, src, count);
    }

    static void dataDrop(JitContext c, int data) {
        c.inst.droppedData[data] = true;
    }

    static void memoryCopy(JitContext c, int dst, int src, int count) {
        Bulk.memoryCopy(c.inst.memory0, c.inst.memory0, dst, src, count);
    }

    static void memoryFill(JitContext c, int dst, int value, int count) {
        Bulk.memoryFill(c.inst.memory0, dst, value, count);
    }

    static int memoryGrow(JitContext c, int delta) {
        return c.inst.memory0.grow(delta);
    }

    static long refFunc(JitContext c, int funcIndex) {
        return c.inst.functions[funcIndex].address;
    }
}
