package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.binary.ProposalTypes;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.model.ValType;

/**
 * Reads one instruction, opcode and immediates, enforcing the binary format's encoding rules (illegal opcodes,
 * reserved zero bytes, malformed types, LEB128 limits). It checks encoding only: whether an index exists or the types
 * line up is the validator's concern.
 */
public final class InstructionReader {
    private static final long EMPTY_BLOCK_TYPE = -64;
    private static final int MEMARG_MEMORY_INDEX = 0x40;

    private InstructionReader() {
    }

    /** Reads the instruction at {@code r.pos()} and leaves {@code r} just after it. */
    public static Instruction read(ByteReader r) {
        int moduleOffset = r.pos();
        int b = r.u8();
        Opcode op;
        if (b == Opcode.MISC_PREFIX_BYTE) {
            op = Opcode.ofMiscCode(r.u32Long());
        } else {
            op = Opcode.ofByte(b);
        }
        if (op == null) {
            r.pos(moduleOffset + 1);
            UnsupportedFeatureException unsupported = ProposalOpcodes.classify(b, r, moduleOffset);
            throw unsupported != null ? unsupported : new MalformedModuleException(moduleOffset, "illegal opcode");
        }
        if (op == Opcode.GC) {
            long[] immediates = GcOpcodes.read(r.u32Long(), r);
            if (immediates == null) {
                throw new MalformedModuleException(moduleOffset, "illegal opcode");
            }
            return new Instruction(op, immediates, moduleOffset);
        }
        if (op == Opcode.SIMD) {
            return new Instruction(op, SimdImmediates.read(r, moduleOffset), moduleOffset);
        }
        if (op.immediateKind() == ImmediateKind.MEMARG) {
            return new Instruction(op, memarg(r, moduleOffset), moduleOffset);
        }
        return new Instruction(op, immediates(op.immediateKind(), r), moduleOffset);
    }

    private static long[] immediates(ImmediateKind kind, ByteReader r) {
        switch (kind) {
            case NONE:
                return new long[0];
            case BLOCK_TYPE:
                return new long[] {blockType(r)};
            case CATCHES:
                return catches(r);
            case TAG:
            case LABEL:
            case TYPE:
            case FUNC:
            case LOCAL:
            case GLOBAL:
            case TABLE:
            case DATA:
            case ELEM:
                return new long[] {r.u32Long()};
            case CALL_INDIRECT:
            case ELEM_TABLE:
            case TABLE_TABLE:
                return new long[] {r.u32Long(), r.u32Long()};
            case LABEL_TABLE:
                return labelTable(r);
            case MEMORY:
                return new long[] {r.u32Long()};
            case DATA_MEMORY:
            case MEMORY_MEMORY:
                return new long[] {r.u32Long(), r.u32Long()};
            case I32:
                return new long[] {r.s32()};
            case I64:
                return new long[] {r.s64()};
            case F32:
                return new long[] {r.f32Bits() & 0xFFFF_FFFFL};
            case F64:
                return new long[] {r.f64Bits()};
            case REF_TYPE:
                return new long[] {refType(r)};
            case VALUE_TYPES:
                return valueTypes(r);
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Alignment, offset (u64 in 3.0; the validator keeps a 32-bit memory's below 2^32) and memory index: flags with
     * bit 6 set announce multi-memory's explicit index (3.0), read after the alignment.
     */
    private static long[] memarg(ByteReader r, int moduleOffset) {
        long align = r.u32Long();
        if (align >= 0x80) {
            throw new MalformedModuleException(moduleOffset, "malformed memop flags");
        }
        long memory = align >= MEMARG_MEMORY_INDEX ? r.u32Long() : 0;
        return new long[] {align & ~MEMARG_MEMORY_INDEX, r.u64(), memory};
    }

    /** Empty, a single-byte value type, or a non-negative type index; any other negative s33 is no block type. */
    private static long blockType(ByteReader r) {
        int start = r.pos();
        long value = r.s33();
        if (value >= 0) {
            return value;
        }
        boolean oneByte = r.pos() - start == 1;
        ValType type = ValType.fromCode((int) value + 0x80);
        if (oneByte && (value == EMPTY_BLOCK_TYPE || type != null)) {
            return value;
        }
        int ref = oneByte ? InstructionTypes.refType((int) value + 0x80, r) : -1;
        if (ref >= 0) {
            return InstructionTypes.refBlockType(ref);
        }
        UnsupportedFeatureException unsupported = oneByte ? ProposalTypes.valType((int) value + 0x80, r, start) : null;
        throw unsupported != null ? unsupported : new MalformedModuleException(start, "malformed value type");
    }

    /** {@code try_table}'s block type and catch clauses: kind 0-3, a tag for kinds 0 and 1, a label. */
    private static long[] catches(ByteReader r) {
        long blockType = blockType(r);
        int count = boundedCount(r);
        long[] out = new long[1 + 3 * count];
        out[0] = blockType;
        for (int i = 0; i < count; i++) {
            int offset = r.pos();
            int kind = r.u8();
            if (kind > 3) {
                throw new MalformedModuleException(offset, "malformed catch clause");
            }
            out[1 + 3 * i] = kind;
            out[2 + 3 * i] = kind < 2 ? r.u32Long() : -1;
            out[3 + 3 * i] = r.u32Long();
        }
        return out;
    }

    private static long[] labelTable(ByteReader r) {
        int count = boundedCount(r);
        long[] depths = new long[count + 1];
        for (int i = 0; i <= count; i++) {
            depths[i] = r.u32Long();
        }
        return depths;
    }

    private static long[] valueTypes(ByteReader r) {
        int count = boundedCount(r);
        long[] codes = new long[count];
        for (int i = 0; i < count; i++) {
            int offset = r.pos();
            int code = r.u8();
            ValType type = ValType.fromCode(code);
            int ref = type == null ? InstructionTypes.refType(code, r) : -1;
            if (ref >= 0) {
                codes[i] = ref;
                continue;
            }
            if (type == null) {
                UnsupportedFeatureException unsupported = ProposalTypes.valType(code, r, offset);
                throw unsupported != null ? unsupported : new MalformedModuleException(offset, "malformed value type");
            }
            codes[i] = code;
        }
        return codes;
    }

    private static long refType(ByteReader r) {
        int offset = r.pos();
        int code = r.u8();
        if (code != ValType.FUNCREF.code() && code != ValType.EXTERNREF.code()) {
            r.pos(offset);
            long index = InstructionTypes.heapIndex(r);
            if (index != 0) {
                return index;
            }
            UnsupportedFeatureException unsupported = ProposalTypes.heapType(r);
            throw unsupported != null ? unsupported : new MalformedModuleException(offset, "malformed reference type");
        }
        return code;
    }

    /**
     * A vector length, rejected before anything is allocated when the remaining input could not hold that many
     * elements of at least one byte each.
     */
    private static int boundedCount(ByteReader r) {
        long count = r.u32Long();
        if (count > r.remaining()) {
            throw new MalformedModuleException(r.limit(), "unexpected end");
        }
        return (int) count;
    }
}
