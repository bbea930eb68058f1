package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Iso-recursive canonicalization: each recursive group of a module's types is rewritten so that a reference to a
 * member of the same group is that member's position ({@link #REC_BASE} plus it), and a reference to an earlier type
 * is that type's id; equal rewritten groups are the same types. Ids come from a map shared by whatever compares
 * types: one module's validation, or a whole store. A group of one plain type keys by the type itself, so a host
 * function's {@link FuncType} gets the id of the same signature declared by a module.
 */
public final class TypeGroups {
    /** Heap types from here on are positions in the group being canonicalized (above every id a map hands out). */
    static final int REC_BASE = 1 << 27;

    private TypeGroups() {
    }

    /** A member of a canonical group of several types, or with references inside its group. */
    private record Member(List<FuncType> group, int position) {
    }

    /**
     * Ids of a module's types in {@code ids} (adding new ones; an id's declared supertype's id goes to
     * {@code supers}, -1 for none).
     */
    public static int[] assign(List<FuncType> types, Map<Object, Integer> ids, List<Integer> supers) {
        int[] out = new int[types.size()];
        Arrays.fill(out, -1);
        int i = 0;
        while (i < types.size()) {
            FuncType first = types.get(i);
            int start = i;
            int size = first.recStart() == i ? first.recSize() : 1;
            List<FuncType> group = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                FuncType t = types.get(start + k);
                int superCode = t.superIndex() < 0 ? t.superIndex() : map(t.superIndex(), start, size, out);
                group.add(t.withCodes(map(t.paramCodes(), start, size, out), map(t.resultCodes(), start, size, out),
                        superCode).withFieldCodes(map(t.fieldCodes(), start, size, out)));
            }
            List<FuncType> key = List.copyOf(group);
            for (int k = 0; k < size; k++) {
                Object member = size == 1 && !refersInside(key.get(0)) ? key.get(0) : new Member(key, k);
                Integer id = ids.get(member);
                if (id == null) {
                    id = ids.size();
                    ids.put(member, id);
                    int s = types.get(start + k).superIndex();
                    supers.add(s < 0 ? -1 : s < start ? out[s] : -1);
                }
                out[start + k] = id;
            }
            // Supertypes inside the group got their ids only now.
            for (int k = 0; k < size; k++) {
                int s = types.get(start + k).superIndex();
                if (s >= start && s < start + size && supers.get(out[start + k]) == -1) {
                    supers.set(out[start + k], out[s]);
                }
            }
            i = start + size;
        }
        return out;
    }

    private static boolean refersInside(FuncType t) {
        for (int c : t.paramCodes()) {
            if (inside(c)) {
                return true;
            }
        }
        for (int c : t.resultCodes()) {
            if (inside(c)) {
                return true;
            }
        }
        for (int c : t.fieldCodes()) {
            if (inside(c)) {
                return true;
            }
        }
        return t.superIndex() >= REC_BASE;
    }

    private static boolean inside(int c) {
        return TypeCode.isRef(c) && TypeCode.isIndex(TypeCode.heap(c)) && TypeCode.heap(c) >= REC_BASE;
    }

    private static int[] map(int[] codes, int start, int size, int[] ids) {
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (TypeCode.isRef(c) && TypeCode.isIndex(TypeCode.heap(c))) {
                codes[i] = TypeCode.ref(TypeCode.nullable(c), map(TypeCode.heap(c), start, size, ids));
            }
        }
        return codes;
    }

    /** Index {@code h} as seen from the group at {@code start}: a position inside it, or an earlier type's id. */
    private static int map(int h, int start, int size, int[] ids) {
        if (h >= start && h < start + size) {
            return REC_BASE + h - start;
        }
        // A later type is invalid ("unknown type", reported by the validator); it keeps a marker of its own.
        return h < start && ids[h] >= 0 ? ids[h] : REC_BASE - 1;
    }

    /** Whether id {@code sub} is id {@code sup} or declares it as a (transitive) supertype. */
    public static boolean isSubtype(int sub, int sup, List<Integer> supers) {
        for (int x = sub; x >= 0; x = supers.get(x)) {
            if (x == sup) {
                return true;
            }
        }
        return false;
    }
}
