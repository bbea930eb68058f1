package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;

/** Reads the type encodings shared by several sections. */
final class Types {
    private static final int FUNC_TYPE_FORM = 0x60;

    private Types() {
    }

    static ValType valType(ByteReader r) {
        int offset = r.pos();
        ValType t = ValType.fromCode(r.u8());
        if (t == null) {
            throw new MalformedModuleException(offset, "malformed value type");
        }
        return t;
    }

    static ValType refType(ByteReader r) {
        int offset = r.pos();
        ValType t = ValType.fromCode(r.u8());
        if (t == null || !t.isRef()) {
            throw new MalformedModuleException(offset, "malformed reference type");
        }
        return t;
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

    private static ValType[] valTypes(ByteReader r) {
        ValType[] types = new ValType[Vectors.count(r)];
        for (int i = 0; i < types.length; i++) {
            types[i] = valType(r);
        }
        return types;
    }

    /**
     * Limits. The flag is a one-byte unsigned LEB128 holding 0 or 1 in Wasm 2.0. Out-of-range values are left to
     * the validator: they are well-formed.
     */
    static Limits limits(ByteReader r) {
        int offset = r.pos();
        int flag = r.u8();
        if ((flag & 0x80) != 0) {
            throw new MalformedModuleException(offset, "integer representation too long");
        }
        if (flag > 1) {
            throw new MalformedModuleException(offset, "integer too large");
        }
        long min = r.u32Long();
        long max = flag == 1 ? r.u32Long() : Limits.NO_MAX;
        return new Limits(min, max);
    }

    static TableType tableType(ByteReader r) {
        ValType elemType = refType(r);
        return new TableType(elemType, limits(r));
    }

    static MemoryType memoryType(ByteReader r) {
        return new MemoryType(limits(r));
    }

    static GlobalType globalType(ByteReader r) {
        ValType type = valType(r);
        int offset = r.pos();
        int mutability = r.u8();
        if (mutability > 1) {
            throw new MalformedModuleException(offset, "malformed mutability");
        }
        return new GlobalType(type, mutability == 1);
    }
}
