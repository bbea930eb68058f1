package dev.trapdoor.engine.text;

import dev.trapdoor.engine.instr.Opcode;

import java.util.HashMap;
import java.util.Map;

/**
 * Mnemonic → encoding: the 2.0 instructions from {@link Opcode}, then SIMD ({@code 0xFD}), tail calls, typed
 * references, exceptions and GC ({@code 0xFB}), which the engine does not run but the text format must encode.
 */
final class Instructions {
    static final int SIMD = 0xFD;
    static final int GC = 0xFB;

    /** @param prefix 0 for single-byte opcodes */
    record Instr(String name, int prefix, int code, Imm imm) {
    }

    private static final Map<String, Instr> TABLE = new HashMap<>();

    static {
        for (Opcode op : Opcode.values()) {
            if (op == Opcode.SELECT_T || op == Opcode.ELSE || op == Opcode.END || op == Opcode.SIMD || op == Opcode.GC || op == Opcode.CATCH
                    || op == Opcode.CATCH_ALL || op == Opcode.DELEGATE) {
                continue;
            }
            put(op.mnemonic(), op.prefix(), op.code(), switch (op.immediateKind()) {
                case NONE -> Imm.NONE;
                case BLOCK_TYPE -> op == Opcode.IF ? Imm.IF : op == Opcode.LOOP ? Imm.LOOP : Imm.BLOCK;
                case LABEL -> Imm.LABEL;
                case LABEL_TABLE -> Imm.LABEL_TABLE;
                case FUNC -> Imm.FUNC;
                case CALL_INDIRECT -> Imm.CALL_INDIRECT;
                case TYPE -> Imm.TYPE;
                case LOCAL -> Imm.LOCAL;
                case GLOBAL -> Imm.GLOBAL;
                case TABLE -> Imm.TABLE;
                case MEMARG -> Imm.MEMARG;
                case MEMORY -> Imm.MEMORY;
                case I32 -> Imm.I32;
                case I64 -> Imm.I64;
                case F32 -> Imm.F32;
                case F64 -> Imm.F64;
                case REF_TYPE -> Imm.HEAP_TYPE;
                case VALUE_TYPES -> Imm.SELECT;
                case DATA_MEMORY -> Imm.DATA_MEMORY;
                case DATA -> Imm.DATA;
                case MEMORY_MEMORY -> Imm.MEMORY_MEMORY;
                case ELEM_TABLE -> Imm.ELEM_TABLE;
                case ELEM -> Imm.ELEM;
                case TABLE_TABLE -> Imm.TABLE_TABLE;
                case SIMD, GC -> Imm.NONE; // skipped above: SimdTable and GcTable register each sub-opcode
                case TAG -> Imm.TAG;
                case CATCHES -> Imm.TRY_TABLE;
            });
        }
        TABLE.put("select", new Instr("select", 0, 0x1B, Imm.SELECT));
        put("return_call", 0, 0x12, Imm.FUNC);
        put("return_call_indirect", 0, 0x13, Imm.CALL_INDIRECT);
        put("call_ref", 0, 0x14, Imm.TYPE);
        put("return_call_ref", 0, 0x15, Imm.TYPE);
        put("ref.eq", 0, 0xD3, Imm.NONE);
        put("ref.as_non_null", 0, 0xD4, Imm.NONE);
        put("br_on_null", 0, 0xD5, Imm.LABEL);
        put("br_on_non_null", 0, 0xD6, Imm.LABEL);
        put("throw", 0, 0x08, Imm.TAG);
        put("throw_ref", 0, 0x0A, Imm.NONE);
        put("try_table", 0, 0x1F, Imm.TRY_TABLE);
        put("try", 0, 0x06, Imm.TRY);
        put("rethrow", 0, 0x09, Imm.LABEL);
        SimdTable.register(Instructions::put);
        GcTable.register(Instructions::put);
    }

    interface Sink {
        void put(String name, int prefix, int code, Imm imm);
    }

    private static void put(String name, int prefix, int code, Imm imm) {
        TABLE.put(name, new Instr(name, prefix, code, imm));
    }

    private Instructions() {
    }

    static Instr lookup(String mnemonic) {
        return TABLE.get(mnemonic);
    }

    /** The natural alignment (bytes) of a memory instruction, from its name: {@code i64.load16_s} → 2. */
    static int naturalAlignment(String name) {
        String op = name.substring(name.indexOf('.') + 1);
        int start = op.startsWith("load") ? 4 : 5;
        int end = start;
        while (end < op.length() && Character.isDigit(op.charAt(end))) {
            end++;
        }
        if (end == start) {
            return name.startsWith("v128") ? 16 : name.startsWith("i64") || name.startsWith("f64") ? 8 : 4;
        }
        if (end < op.length() && op.charAt(end) == 'x') {
            return 8; // v128.load8x8_s and its kin read 64 bits
        }
        return Integer.parseInt(op.substring(start, end)) / 8;
    }
}
