package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.binary.RefTypes;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;

/**
 * How an {@link Instruction}'s immediates hold typed function references' types: a reference value type in
 * {@code select}'s list is its {@link TypeCode} (a plain type stays its binary byte, always below 0x80); a block type
 * of a reference type is {@link #REF_BLOCK_BASE} plus its code (far below the one-byte negative block types); the
 * heap type of {@code ref.null $t} is {@code -1 - t} (func and extern stay their bytes).
 */
public final class InstructionTypes {
    static final long REF_BLOCK_BASE = -(1L << 40);

    private InstructionTypes() {
    }

    /** A {@code (ref null? ht)} whose prefix byte {@code code} was read, or -1 (nothing read) when it is none. */
    static int refType(int code, ByteReader r) {
        return RefTypes.ref(code, r);
    }

    static long refBlockType(int code) {
        return REF_BLOCK_BASE + code;
    }

    /** The immediate of {@code ref.null $t} at {@code r.pos()}, or 0 (nothing read) when it is not a type index. */
    static long heapIndex(ByteReader r) {
        int at = r.pos();
        int heap = RefTypes.heapType(r);
        if (heap >= 0 && TypeCode.isIndex(heap)) {
            return -1L - heap;
        }
        if (heap >= 0) {
            return heap & 0xFF; // an abstract heap type: its byte
        }
        r.pos(at);
        return 0;
    }

    /** The {@link TypeCode} of a block type's one result; 0 when it is empty or a type index. */
    public static int blockResultCode(long blockType) {
        if (blockType >= 0) {
            return 0;
        }
        if (blockType < REF_BLOCK_BASE / 2) {
            return (int) (blockType - REF_BLOCK_BASE);
        }
        ValType t = ValType.fromCode((int) blockType + 0x80);
        return t == null ? 0 : TypeCode.of(t);
    }

    /** The {@link TypeCode} of a type in a typed {@code select}'s immediates. */
    public static int valueTypeCode(long immediate) {
        ValType t = immediate < 0x80 ? ValType.fromCode((int) immediate) : null;
        return t != null ? TypeCode.of(t) : (int) immediate;
    }

    static String heapText(long immediate) {
        return immediate < 0 ? Long.toString(-1 - immediate) : switch ((int) immediate) {
            case 0x70 -> "func";
            case 0x73 -> "nofunc";
            case 0x72 -> "noextern";
            case 0x6F -> "extern";
            case 0x69 -> "exn";
            case 0x74 -> "noexn";
            case 0x6E -> "any";
            case 0x6D -> "eq";
            case 0x6C -> "i31";
            case 0x6B -> "struct";
            case 0x6A -> "array";
            case 0x71 -> "none";
            default -> "0x" + Long.toHexString(immediate);
        };
    }

    static String valTypeText(long code) {
        return code < 0x80 ? String.valueOf(ValType.fromCode((int) code)) : TypeCode.text((int) code);
    }

    static String blockResultText(long blockType) {
        return blockType < REF_BLOCK_BASE / 2 ? TypeCode.text((int) (blockType - REF_BLOCK_BASE))
                : String.valueOf(ValType.fromCode((int) blockType + 0x80));
    }
}
