package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;

/**
 * Store-wide forms of value types that refer to types by index (typed function references). A module's
 * {@code (ref $t)} names its own type {@code t}; in a store it becomes {@code (ref $id)} with {@code id} the canonical
 * id of {@code t} ({@link Store#typeIds}, iso-recursive), so globals and tables of different modules compare.
 */
final class TypeCanon {
    private TypeCanon() {
    }

    private static int code(int c, int[] ids) {
        if (!TypeCode.isRef(c) || !TypeCode.isIndex(TypeCode.heap(c))) {
            return c;
        }
        int h = TypeCode.heap(c);
        return TypeCode.ref(TypeCode.nullable(c), ids[h]);
    }

    /** Value type {@code code} of module {@code inst} in its store-wide form. */
    static int storeCode(Instance inst, int code) {
        return code(code, inst.typeIds);
    }

    static GlobalType global(Instance inst, GlobalType t) {
        return GlobalType.of(storeCode(inst, t.code()), t.mutable());
    }

    static TableType table(Instance inst, TableType t) {
        return TableType.of(storeCode(inst, t.elemCode()), t.limits());
    }

    /** Subtyping of store-wide value types: an index is below {@code func}, a non-null reference below its nullable. */
    static boolean matches(Store store, int sub, int sup) {
        if (sub == sup) {
            return true;
        }
        if (!TypeCode.isRef(sub) || !TypeCode.isRef(sup) || TypeCode.nullable(sub) && !TypeCode.nullable(sup)) {
            return false;
        }
        int hs = TypeCode.heap(sub);
        int hp = TypeCode.heap(sup);
        if (TypeCode.isIndex(hs) && TypeCode.isIndex(hp)) {
            return store.isSubtype(hs, hp);
        }
        return dev.trapdoor.engine.validate.HeapTypes.abstractMatches(hs, hp, store::form);
    }
}
