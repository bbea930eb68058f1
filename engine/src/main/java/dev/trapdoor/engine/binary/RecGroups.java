package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.model.FuncType;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive type groups and {@code sub}/{@code sub final} declarations (3.0) whose types are function types. Struct
 * and array types are GC's, which Trapdoor does not implement: they are reported as not supported.
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

    private static FuncType composite(ByteReader r) {
        int offset = r.pos();
        int form = r.peekU8();
        if (form == GcTypes.FUNC) {
            return Types.funcType(r);
        }
        if (form == GcTypes.STRUCT || form == GcTypes.ARRAY) {
            throw new UnsupportedFeatureException(Feature.GC, offset, GcTypes.form(form));
        }
        throw new MalformedModuleException(offset, "malformed composite type");
    }
}
