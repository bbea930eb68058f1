package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.WasmModule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subtyping of value types within one module (typed function references): {@code (ref null? $t)} matches
 * {@code (ref null? func)}, a non-null reference matches its nullable form, and two type indices match when their
 * function types are equivalent: structurally equal once the indices they refer to are replaced by their
 * equivalence classes. Every function type is final and has no declared supertype, so equivalence is all there is
 * between two indices.
 */
public final class Subtyping {
    private final int[] canon;

    Subtyping(WasmModule module) {
        List<FuncType> types = module.types();
        canon = new int[types.size()];
        Map<FuncType, Integer> seen = new HashMap<>();
        for (int i = 0; i < canon.length; i++) {
            FuncType key = canonical(types.get(i), i);
            Integer first = seen.putIfAbsent(key, i);
            canon[i] = first == null ? i : first;
        }
    }

    /**
     * Type {@code t} with every index it refers to replaced by its class's first index ({@code self} stays itself:
     * a type may refer to itself, and that reference is the same in every equivalent type).
     */
    private FuncType canonical(FuncType t, int self) {
        if (!t.refersToTypes()) {
            return t;
        }
        return new FuncType(canonical(t.paramCodes(), self), canonical(t.resultCodes(), self));
    }

    private int[] canonical(int[] codes, int self) {
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (TypeCode.isRef(c) && TypeCode.isIndex(TypeCode.heap(c))) {
                int h = TypeCode.heap(c);
                int mapped = h == self ? TypeCode.ABSTRACT - 2 : h < self ? canon[h] : h;
                codes[i] = TypeCode.ref(TypeCode.nullable(c), mapped);
            }
        }
        return codes;
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

    /** Heap subtyping: an index is below {@code func}; two indices match when equivalent. */
    public boolean heapMatches(int sub, int sup) {
        if (sub == sup) {
            return true;
        }
        boolean subIndex = TypeCode.isIndex(sub);
        boolean supIndex = TypeCode.isIndex(sup);
        if (subIndex && supIndex) {
            return sub < canon.length && sup < canon.length && canon[sub] == canon[sup];
        }
        return subIndex && sup == TypeCode.HT_FUNC;
    }
}
