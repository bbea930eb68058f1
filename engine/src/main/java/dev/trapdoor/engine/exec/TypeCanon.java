package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;

/**
 * Store-wide forms of types that refer to other types by index (typed function references). A module's
 * {@code (ref $t)} names its own type {@code t}; in a store it becomes {@code (ref $id)} with {@code id} the canonical
 * id of {@code t}'s function type ({@link Store#typeId}), so types from different modules compare with
 * {@code equals}. A reference from a type to itself (each type is a recursive group of one) becomes a fixed
 * marker, which makes the canonical form iso-recursive: {@code (type $t (func (param (ref $t))))} has the same form in
 * every module.
 */
final class TypeCanon {
    private static final int SELF = TypeCode.ABSTRACT - 2;

    private TypeCanon() {
    }

    /** Type {@code self} of a module whose earlier types have store ids {@code ids[0..self)}. */
    static FuncType canonical(FuncType t, int self, int[] ids) {
        if (!t.refersToTypes()) {
            return t;
        }
        return new FuncType(map(t.paramCodes(), self, ids), map(t.resultCodes(), self, ids));
    }

    private static int[] map(int[] codes, int self, int[] ids) {
        for (int i = 0; i < codes.length; i++) {
            codes[i] = code(codes[i], self, ids);
        }
        return codes;
    }

    private static int code(int c, int self, int[] ids) {
        if (!TypeCode.isRef(c) || !TypeCode.isIndex(TypeCode.heap(c))) {
            return c;
        }
        int h = TypeCode.heap(c);
        return TypeCode.ref(TypeCode.nullable(c), h == self ? SELF : ids[h]);
    }

    /** Value type {@code code} of module {@code inst} in its store-wide form. */
    static int storeCode(Instance inst, int code) {
        return code(code, -1, inst.typeIds);
    }

    static GlobalType global(Instance inst, GlobalType t) {
        return GlobalType.of(storeCode(inst, t.code()), t.mutable());
    }

    static TableType table(Instance inst, TableType t) {
        return TableType.of(storeCode(inst, t.elemCode()), t.limits());
    }

    /** Subtyping of store-wide value types: an index is below {@code func}, a non-null reference below its nullable. */
    static boolean matches(int sub, int sup) {
        if (sub == sup) {
            return true;
        }
        if (!TypeCode.isRef(sub) || !TypeCode.isRef(sup) || TypeCode.nullable(sub) && !TypeCode.nullable(sup)) {
            return false;
        }
        int hs = TypeCode.heap(sub);
        int hp = TypeCode.heap(sup);
        return hs == hp || TypeCode.isIndex(hs) && hp == TypeCode.HT_FUNC;
    }
}
