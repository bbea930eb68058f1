package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * Table, reference and bulk-memory instructions, plus the detail of failed memory accesses: rare enough to run
 * outside the dispatch method. {@link #exec} returns the pc of the next instruction.
 */
final class SlowOps {
    private SlowOps() {
    }

    static int exec(int op, Interpreter self, int[] code, int pc, long[] s, int fp) {
        if (ExceptionOps.isThrow(op)) {
            return ExceptionOps.exec(op, self, code, pc, s, fp);
        }
        if (TailCalls.isTailCall(op)) {
            return TailCalls.exec(op, self, code, pc, s, fp);
        }
        if (op >= Op.GC) {
            return GcOps.exec(self, op, code, pc, s, fp);
        }
        if (op >= Op.WIDE) {
            return WideMemoryOps.exec(self, op - Op.WIDE, code, pc, s, fp);
        }
        if (op >= Op.SIMD) {
            // SIMD's own dispatch method; routed through here to keep the main dispatch loop within its budget.
            return SimdOps.exec(self, op, code, pc, s, fp);
        }
        Instance inst = self.instance();
        switch (op) {
            case Op.TABLE_GET -> {
                TableInstance t = inst.tables[code[pc + 2]];
                int i = (int) s[fp + code[pc + 3]];
                checkTable(t, code[pc + 2], i);
                s[fp + code[pc + 1]] = t.elements[i];
                return pc + 4;
            }
            case Op.TABLE_SET -> {
                TableInstance t = inst.tables[code[pc + 1]];
                int i = (int) s[fp + code[pc + 2]];
                checkTable(t, code[pc + 1], i);
                t.elements[i] = s[fp + code[pc + 3]];
                return pc + 4;
            }
            case Op.MEMORY_SIZE -> {
                s[fp + code[pc + 1]] = inst.memory0.pages();
                return pc + 2;
            }
            case Op.MEMORY_GROW -> {
                s[fp + code[pc + 1]] = inst.memory0.grow((int) s[fp + code[pc + 2]]);
                return pc + 3;
            }
            case Op.REF_IS_NULL -> {
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == Values.NULL_REF ? 1 : 0;
                return pc + 3;
            }
            case Op.REF_AS_NON_NULL -> {
                if (s[fp + code[pc + 1]] == Values.NULL_REF) {
                    throw new TrapSignal(TrapKind.NULL_REFERENCE, new TrapDetail.None());
                }
                return pc + 2;
            }
            case Op.REF_FUNC -> {
                s[fp + code[pc + 1]] = inst.functions[code[pc + 2]].address;
                return pc + 3;
            }
            case Op.MEMORY_INIT -> {
                Bulk.memoryInit(inst, 0, code[pc + 1], (int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]],
                        (int) s[fp + code[pc + 4]]);
                return pc + 5;
            }
            case Op.DATA_DROP -> {
                inst.droppedData[code[pc + 1]] = true;
                return pc + 2;
            }
            case Op.MEMORY_COPY -> {
                Bulk.memoryCopy(inst.memory0, inst.memory0, (int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]],
                        (int) s[fp + code[pc + 3]]);
                return pc + 4;
            }
            case Op.MEMORY_FILL -> {
                Bulk.memoryFill(inst.memory0, (int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]],
                        (int) s[fp + code[pc + 3]]);
                return pc + 4;
            }
            case Op.TABLE_INIT -> {
                Bulk.tableInit(inst, code[pc + 2], code[pc + 1], (int) s[fp + code[pc + 3]],
                        (int) s[fp + code[pc + 4]], (int) s[fp + code[pc + 5]]);
                return pc + 6;
            }
            case Op.ELEM_DROP -> {
                inst.elements[code[pc + 1]] = new long[0];
                return pc + 2;
            }
            case Op.TABLE_COPY -> {
                Bulk.tableCopy(inst.tables[code[pc + 1]], inst.tables[code[pc + 2]], (int) s[fp + code[pc + 3]],
                        (int) s[fp + code[pc + 4]], (int) s[fp + code[pc + 5]]);
                return pc + 6;
            }
            case Op.TABLE_GROW -> {
                TableInstance t = inst.tables[code[pc + 2]];
                s[fp + code[pc + 1]] = t.grow((int) s[fp + code[pc + 3]], s[fp + code[pc + 1]]);
                return pc + 4;
            }
            case Op.TABLE_SIZE -> {
                s[fp + code[pc + 1]] = inst.tables[code[pc + 2]].size();
                return pc + 3;
            }
            case Op.TABLE_FILL -> {
                Bulk.tableFill(inst.tables[code[pc + 1]], (int) s[fp + code[pc + 2]], s[fp + code[pc + 3]],
                        (int) s[fp + code[pc + 4]]);
                return pc + 5;
            }
            default -> throw new IllegalStateException("unknown translated opcode 0x" + Integer.toHexString(op)
                    + " at pc " + pc);
        }
    }

    static void checkTable(TableInstance t, int tableIndex, int i) {
        if (Integer.compareUnsigned(i, t.elements.length) >= 0) {
            throw new TrapSignal(TrapKind.TABLE_OUT_OF_BOUNDS,
                    new TrapDetail.TableAccess(tableIndex, Integer.toUnsignedLong(i), t.elements.length));
        }
    }

    /** Resolves a {@code call_indirect}: the table slot must hold a function of exactly the expected type. */
    static FunctionInstance indirectTarget(Instance inst, int[] code, int pc, long[] s, int fp, boolean emulateCasts) {
        return indirectTarget(inst, code[pc + 1], code[pc + 2], (int) s[fp + code[pc + 4]], emulateCasts);
    }

    /** Resolves slot {@code i} of table {@code tableIndex} for a {@code call_indirect} of type {@code typeIndex}. */
    static FunctionInstance indirectTarget(Instance inst, int typeIndex, int tableIndex, int i, boolean emulateCasts) {
        if (tableIndex == TypedRefTranslation.REF_TABLE) {
            if (i == (int) Values.NULL_REF) {
                throw new TrapSignal(TrapKind.NULL_FUNCTION_REFERENCE, new TrapDetail.None());
            }
            return inst.store.function(i);
        }
        TableInstance table = inst.tables[tableIndex];
        FuncType expected = inst.module.types().get(typeIndex);
        if (Integer.compareUnsigned(i, table.elements.length) >= 0) {
            throw new TrapSignal(TrapKind.UNDEFINED_ELEMENT, new TrapDetail.IndirectCall(-1, -1, tableIndex,
                    Integer.toUnsignedLong(i), table.elements.length, expected, null, -1, null));
        }
        long ref = table.elements[i];
        if (ref == Values.NULL_REF) {
            throw new TrapSignal(TrapKind.UNINITIALIZED_ELEMENT, new TrapDetail.IndirectCall(-1, -1, tableIndex, i,
                    table.elements.length, expected, null, -1, null));
        }
        FunctionInstance callee = inst.store.function(ref);
        if (callee.typeId != inst.typeIds[typeIndex] && !emulateCasts
                && !inst.store.isSubtype(callee.typeId, inst.typeIds[typeIndex])) {
            throw new TrapSignal(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, new TrapDetail.IndirectCall(-1, -1,
                    tableIndex, i, table.elements.length, expected, callee.type, callee.funcIndex, callee.name()));
        }
        return callee;
    }

    /** Describes a memory access that faulted at {@code pc}: address, static offset, width and memory size (bytes). */
    static TrapDetail describeAccess(int op, int[] code, int pc, long[] s, int fp, int memSize) {
        boolean store = op >= 0x36 && op <= 0x3E;
        if (op >= Op.F32_ADD_LOAD && op <= Op.F64_MUL_LOAD) {
            // dst a x offset K: the load's operands sit one int further on.
            long base = ((int) s[fp + code[pc + 3]] + code[pc + 5]) & 0xFFFF_FFFFL;
            long offset = code[pc + 4] & 0xFFFF_FFFFL;
            return new TrapDetail.MemoryAccess(false, base + offset, base, offset, op == Op.F32_ADD_LOAD ? 4 : 8,
                    memSize);
        }
        int x = (int) s[fp + code[pc + (store ? 1 : 2)]];
        boolean scaled = op == Op.I32_LOAD_SCALED || op == Op.I64_LOAD_SCALED;
        long base = (scaled ? (x << code[pc + 5]) + code[pc + 4] : x + code[pc + 4]) & 0xFFFF_FFFFL;
        long offset = code[pc + 3] & 0xFFFF_FFFFL;
        int width = switch (op) {
            case 0x29, 0x2B, 0x37, 0x39, Op.I64_LOAD_SCALED -> 8;
            case 0x2C, 0x2D, 0x30, 0x31, 0x3A, 0x3C -> 1;
            case 0x2E, 0x2F, 0x32, 0x33, 0x3B, 0x3D -> 2;
            default -> 4;
        };
        return new TrapDetail.MemoryAccess(store, base + offset, base, offset, width, memSize);
    }
}
