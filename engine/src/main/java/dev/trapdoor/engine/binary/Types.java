package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;

/** Reads the type encodings shared by several sections. */
final class Types {
    private static final int FUNC_TYPE_FORM = 0x60;
    private static final int TABLE_WITH_INIT = 0x40;

    private Types() {
    }

    /** A value type's kind. */
    static ValType valType(ByteReader r) {
        return TypeCode.kind(valTypeCode(r));
    }

    /** A value type as a {@link TypeCode}; 3.0's GC and exception reference types are well-formed but not supported. */
    static int valTypeCode(ByteReader r) {
        int offset = r.pos();
        int code = r.u8();
        ValType t = ValType.fromCode(code);
        if (t != null) {
            return TypeCode.of(t);
        }
        int ref = RefTypes.ref(code, r);
        if (ref >= 0) {
            return ref;
        }
        UnsupportedFeatureException unsupported = ProposalTypes.valType(code, r, offset);
        throw unsupported != null ? unsupported : new MalformedModuleException(offset, "malformed value type");
    }

    static ValType refType(ByteReader r) {
        return TypeCode.kind(refTypeCode(r));
    }

    static int refTypeCode(ByteReader r) {
        int offset = r.pos();
        int peek = r.peekU8();
        ValType t = ValType.fromCode(peek);
        if (t != null && !t.isRef()) {
            r.u8();
            throw new MalformedModuleException(offset, "malformed reference type");
        }
        int code = valTypeCode(r);
        if (!TypeCode.isRef(code)) {
            throw new MalformedModuleException(offset, "malformed reference type");
        }
        return code;
    }

    static FuncType funcType(ByteReader r) {
        int offset = r.pos();
        // The form is a one-byte signed LEB128 (-0x20), so a continuation bit is an over-long encoding.
        int form = r.u8();
        if ((form & 0x80) != 0) {
            throw new MalformedModuleException(offset, "integer representation too long");
        }
        if (form != FUNC_TYPE_FORM) {
            throw new MalformedModuleException(offset, "malformed function type");
        }
        return new FuncType(valTypes(r), valTypes(r));
    }

    private static int[] valTypes(ByteReader r) {
        int[] types = new int[Vectors.count(r)];
        for (int i = 0; i < types.length; i++) {
            types[i] = valTypeCode(r);
        }
        return types;
    }

    /**
     * Limits. The flag is 0 or 1 in Wasm 2.0; 3.0 adds 4 and 5 (64-bit, memory64) and the threads proposal 3 and 7
     * (a shared memory, which must have a maximum).
     * Flag bit 2 marks a 64-bit memory or table. Sizes are u64 for every flag, as 3.0 encodes them; out-of-range
     * sizes are left to the validator: they are well-formed.
     */
    static Limits limits(ByteReader r, boolean memory) {
        int offset = r.pos();
        int flag = r.u8();
        if ((flag & 0x80) != 0) {
            throw new MalformedModuleException(offset, "integer representation too long");
        }
        if (memory && (flag == 0x03 || flag == 0x07)) {
            throw new UnsupportedFeatureException(Feature.THREADS, offset, "shared memory");
        }
        if (flag > 1 && flag != 0x04 && flag != 0x05) {
            throw new MalformedModuleException(offset, "integer too large");
        }
        long min = r.u64();
        long max = (flag & 1) == 1 ? r.u64() : Limits.NO_MAX;
        return new Limits(min, max, (flag & 0x04) != 0);
    }

    static TableType tableType(ByteReader r) {
        int elemType = refTypeCode(r);
        return TableType.of(elemType, limits(r, false));
    }

    /** A table section entry: a table type, or (3.0, typed function references) 0x40 0x00, a type and an init. */
    static TableType definedTableType(ByteReader r) {
        int offset = r.pos();
        if (r.peekU8() == TABLE_WITH_INIT && r.remaining() > 1 && r.bytes()[offset + 1] == 0) {
            r.pos(offset + 2);
            TableType t = tableType(r);
            return t.withInit(ConstExprReader.read(r));
        }
        return tableType(r);
    }

    static MemoryType memoryType(ByteReader r) {
        return new MemoryType(limits(r, true));
    }

    static GlobalType globalType(ByteReader r) {
        int type = valTypeCode(r);
        int offset = r.pos();
        int mutability = r.u8();
        if (mutability > 1) {
            throw new MalformedModuleException(offset, "malformed mutability");
        }
        return GlobalType.of(type, mutability == 1);
    }
}
