package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Subtyping of value types within one module: {@code (ref null? $t)} matches its abstract supertypes
 * ({@link HeapTypes}), a non-null
 * reference matches its nullable form, and type index {@code a} matches {@code b} when {@code a}'s type is
 * {@code b}'s or declares it as a supertype, directly or not ({@code sub}), types being compared in their
 * iso-recursive canonical form ({@link TypeGroups}).
 */
public final class Subtyping {
    private final int[] ids;
    private final List<Integer> supers = new ArrayList<>();
    private final List<FuncType> types;

    Subtyping(WasmModule module) {
        types = module.types();
        ids = TypeGroups.assign(types, new HashMap<>(), supers);
    }

    /** The composite form of type index {@code t} ({@link FuncType#FUNC} for an unknown index). */
    public int form(int t) {
        return t < types.size() ? types.get(t).form() : FuncType.FUNC;
    }

    /** Whether a value of type {@code sub} may be used where {@code sup} is expected. */
    public boolean matches(int sub, int sup) {
        if (sub == sup) {
            return true;
        }
        if (!TypeCode.isRef(sub) || !TypeCode.isRef(sup)) {
            return false;
        }
        if (TypeCode.nullable(sub) && !TypeCode.nullable(sup)) {
            return false;
        }
        return heapMatches(TypeCode.heap(sub), TypeCode.heap(sup));
    }

    /** Heap subtyping: an index is below {@code func}; an index below another by declaration. */
    public boolean heapMatches(int sub, int sup) {
        if (TypeCode.isIndex(sub) && TypeCode.isIndex(sup)) {
            return sub == sup
                    || sub < ids.length && sup < ids.length && TypeGroups.isSubtype(ids[sub], ids[sup], supers);
        }
        return HeapTypes.abstractMatches(sub, sup, this::form);
    }

    /** Whether type indices {@code a} and {@code b} are the same type. */
    boolean sameType(int a, int b) {
        return ids[a] == ids[b];
    }
}
