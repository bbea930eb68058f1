package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.TypeNames;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a debugger shows of GC references ({@link GcRefs}): a summary of the value, the object behind a reference,
 * its fields' names (the name section's field names, else {@code field N}), kinds and types.
 */
public final class GcView {
    private static final Map<WasmModule, TypeNames> NAMES = new WeakHashMap<>();

    private GcView() {
    }

    /** The struct or array {@code ref} names in {@code store}, or {@code null}. */
    public static GcObject object(Store store, long ref) {
        return store.gcHeap().get(ref);
    }

    /**
     * A reference's summary when it is a GC value: {@code i31 7}, {@code struct $point}, {@code array $bytes[3]}
     * (types by name, else {@code $N}); {@code null} for any other value (a function, an external value, null).
     */
    public static String describe(Store store, long ref) {
        if (GcRefs.isI31(ref)) {
            return "i31 " + GcRefs.i31Signed(ref);
        }
        GcObject o = object(store, ref);
        if (o == null) {
            return null;
        }
        return o.isArray() ? "array " + typeName(o) + "[" + o.length() + "]" : "struct " + typeName(o);
    }

    /** The object's type: {@code $name} from the name section, else {@code $N} (its index). */
    public static String typeName(GcObject o) {
        return typeName(o.module, o.typeIndex);
    }

    /** Type {@code typeIndex} of {@code module}: {@code $name}, else {@code $N}. */
    static String typeName(WasmModule module, int typeIndex) {
        String name = names(module).type(typeIndex);
        return name != null ? "$" + name : "$" + typeIndex;
    }

    /** Field {@code i} of a struct: {@code $name} from the name section, else {@code field N}. */
    public static String fieldName(GcObject o, int i) {
        String name = names(o.module).field(o.typeIndex, i);
        return name != null ? "$" + name : "field " + i;
    }

    /** The index of the field named {@code name} ({@code $} optional) or numbered so, or -1. */
    public static int fieldIndex(GcObject o, String name) {
        String bare = name.startsWith("$") ? name.substring(1) : name;
        for (int i = 0; i < o.length(); i++) {
            if (("$" + bare).equals(fieldName(o, i))) {
                return i;
            }
        }
        try {
            int i = Integer.parseInt(bare);
            return i >= 0 && i < o.length() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The kind a field's value reads as (packed fields: i32). */
    public static ValType fieldKind(GcObject o, int i) {
        return TypeCode.kind(o.fieldCode(i));
    }

    /** The field's storage type as written: {@code i8}, {@code (mut i32)}, {@code (ref null $1)}. */
    public static String fieldTypeText(GcObject o, int i) {
        String t = TypeCode.text(o.fieldCode(i));
        return o.fieldMutable(i) ? "(mut " + t + ")" : t;
    }

    /** Field or element {@code i} as a value of {@link #fieldKind}: packed ones sign-extended. */
    public static long read(GcObject o, int i) {
        return GcOps.unpack(o.get(i), o.fieldCode(i), true);
    }

    private static TypeNames names(WasmModule module) {
        synchronized (NAMES) {
            return NAMES.computeIfAbsent(module, TypeNames::read);
        }
    }
}
