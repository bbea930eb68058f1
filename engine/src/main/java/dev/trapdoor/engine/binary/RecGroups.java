package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive type groups and {@code sub}/{@code sub final} declarations (3.0) of function, struct and array types.
 */
final class RecGroups {
    /** A {@code sub} with several supertypes: well-formed, invalid. */
    static final int SEVERAL_SUPERTYPES = -2;

    private RecGroups() {
    }

    /** Reads one type section entry whose first byte is a GC form and adds its types, each knowing its group. */
    static void entry(ByteReader r, ModuleParts parts) {
        int start = parts.types.size();
        List<FuncType> group = new ArrayList<>();
        if (r.peekU8() == GcTypes.REC) {
            r.u8();
            int n = Vectors.count(r);
            for (int i = 0; i < n; i++) {
                group.add(subType(r));
            }
        } else {
            group.add(subType(r));
        }
        for (FuncType t : group) {
            parts.types.add(t.inRecGroup(start, group.size()));
        }
    }

    private static FuncType subType(ByteReader r) {
        int form = r.peekU8();
        if (form != GcTypes.SUB && form != GcTypes.SUB_FINAL) {
            return composite(r);
        }
        r.u8();
        int n = Vectors.count(r);
        int superIndex = -1;
        for (int i = 0; i < n; i++) {
            int index = Vectors.index(r);
            superIndex = i == 0 ? index : SEVERAL_SUPERTYPES;
        }
        return composite(r).withSub(form == GcTypes.SUB_FINAL, superIndex);
    }

    /** A field's storage type: a value type or a packed i8 (0x78) or i16 (0x77). */
    private static int storageType(ByteReader r) {
        int code = r.peekU8();
        if (code == 0x78 || code == 0x77) {
            r.u8();
            return code == 0x78 ? TypeCode.I8 : TypeCode.I16;
        }
        return Types.valTypeCode(r);
    }

    private static boolean mutability(ByteReader r) {
        int offset = r.pos();
        int m = r.u8();
        if (m > 1) {
            throw new MalformedModuleException(offset, "malformed mutability");
        }
        return m == 1;
    }

    private static FuncType composite(ByteReader r) {
        int offset = r.pos();
        int form = r.peekU8();
        if (form == GcTypes.FUNC) {
            return Types.funcType(r);
        }
        if (form == GcTypes.STRUCT) {
            r.u8();
            int n = Vectors.count(r);
            int[] codes = new int[n];
            boolean[] mutable = new boolean[n];
            for (int i = 0; i < n; i++) {
                codes[i] = storageType(r);
                mutable[i] = mutability(r);
            }
            return FuncType.struct(codes, mutable);
        }
        if (form == GcTypes.ARRAY) {
            r.u8();
            int code = storageType(r);
            return FuncType.array(code, mutability(r));
        }
        throw new MalformedModuleException(offset, "malformed composite type");
    }
}
