package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * Run-time types of references for {@code ref.test}, {@code ref.cast} and {@code br_on_cast}: what a slot holds
 * ({@link GcRefs}), compared with a module's reference type by canonical ids, so a cast to a type of another
 * module that is the same type (iso-recursively) succeeds.
 */
final class GcCasts {
    private GcCasts() {
    }

    /** Whether {@code ref} is a value of reference type {@code code} (of {@code inst}'s module). */
    static boolean test(Instance inst, long ref, int code) {
        if (ref == Values.NULL_REF) {
            return TypeCode.nullable(code);
        }
        int heap = TypeCode.heap(code);
        if (TypeCode.isIndex(heap)) {
            int want = inst.typeIds[heap];
            FuncType t = inst.module.types().get(heap);
            if (t.isFunc()) {
                return inst.store.isSubtype(inst.store.function(ref).typeId, want);
            }
            GcObject o = inst.store.gcHeap().get(ref);
            return o != null && inst.store.isSubtype(o.typeId, want);
        }
        return switch (heap) {
            case TypeCode.HT_EQ -> GcRefs.isI31(ref) || GcRefs.isObject(ref);
            case TypeCode.HT_I31 -> GcRefs.isI31(ref);
            case TypeCode.HT_STRUCT -> GcRefs.isStruct(ref);
            case TypeCode.HT_ARRAY -> GcRefs.isArray(ref);
            case TypeCode.HT_NONE, TypeCode.HT_NOFUNC, TypeCode.HT_NOEXTERN, TypeCode.HT_NOEXN -> false;
            default -> true; // any, func, extern, exn: the top of the hierarchy validation put the operand in
        };
    }

    /** The trap of a failed {@code ref.cast}, naming the expected type and what the value is. */
    static TrapSignal failure(Instance inst, long ref, int code) {
        return new TrapSignal(TrapKind.CAST_FAILURE, new TrapDetail.Text("expected " + typeText(inst, code)
                + ", got " + describe(inst, ref)));
    }

    private static String typeText(Instance inst, int code) {
        return GcView.typeText(inst.module, code);
    }

    /** What a reference is, for messages and the debugger: null, an i31 and its value, an object and its type. */
    static String describe(Instance inst, long ref) {
        if (ref == Values.NULL_REF) {
            return "null";
        }
        if (GcRefs.isI31(ref)) {
            return "i31 " + GcRefs.i31Signed(ref);
        }
        String gc = GcView.describe(inst.store, ref);
        return gc != null ? gc : "reference " + ref;
    }
}
