package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.TypeNames;
import dev.trapdoor.engine.model.FuncType;
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

    /** A reference type's text with the name section's type names: {@code (ref $tree)}, {@code anyref}. */
    public static String typeText(WasmModule module, int code) {
        int heap = TypeCode.heap(code);
        if (!TypeCode.isRef(code) || !TypeCode.isIndex(heap)) {
            return TypeCode.text(code);
        }
        return "(ref " + (TypeCode.nullable(code) ? "null " : "") + typeName(module, heap) + ")";
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

    /** The field's storage type as written, types by name: {@code i8}, {@code (mut i32)}, {@code (ref null $node)}. */
    public static String fieldTypeText(GcObject o, int i) {
        String t = typeText(o.module, o.fieldCode(i));
        return o.fieldMutable(i) ? "(mut " + t + ")" : t;
    }

    /** Field or element {@code i} as a value of {@link #fieldKind}: packed ones sign-extended. */
    public static long read(GcObject o, int i) {
        return GcOps.unpack(o.get(i), o.fieldCode(i), true);
    }

    /** The declared type ({@link TypeCode}) of local {@code local} of function {@code funcIndex}, parameters first. */
    public static int localCode(WasmModule module, int funcIndex, int local) {
        FuncType t = module.functionType(funcIndex);
        return local < t.paramCount() ? t.paramCode(local)
                : module.body(funcIndex).localCodes()[local - t.paramCount()];
    }

    /** {@link #fits} for field or element {@code i} of {@code o}. */
    public static boolean fitsField(Store store, GcObject o, int i, long value) {
        return fits(store, o.module, o.fieldCode(i), value);
    }

    /**
     * Whether a debugger may store {@code value} where {@code module} (instantiated in {@code store}) declares a slot
     * of type {@code code}. Into a slot of GC's internal types only a value of that type goes: null where nullable,
     * an i31 or an object whose run-time type is a subtype (any instruction reading the slot trusts that, and a
     * struct of another type has other fields). Other slots (numbers, function and external references) take any
     * value of their kind, as before GC.
     */
    public static boolean fits(Store store, WasmModule module, int code, long value) {
        if (!TypeCode.isRef(code)) {
            return true;
        }
        int heap = TypeCode.heap(code);
        boolean internal = TypeCode.isIndex(heap) ? !module.types().get(heap).isFunc() : TypeCode.isInternal(heap);
        if (!internal) {
            return true;
        }
        if (value == Values.NULL_REF) {
            return TypeCode.nullable(code);
        }
        if (heap == TypeCode.HT_ANY) {
            // A host value made internal (any.convert_extern) is an any too: untagged bits are one; an object
            // handle must name a live object.
            return !GcRefs.isObject(value) || object(store, value) != null;
        }
        Instance inst = store.gcHeap().instanceOf(module);
        return inst != null && GcCasts.test(inst, value, code);
    }

    private static TypeNames names(WasmModule module) {
        synchronized (NAMES) {
            return NAMES.computeIfAbsent(module, TypeNames::read);
        }
    }
}
