package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.RefTypes;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;

import static dev.trapdoor.engine.validate.Types.I32;
import static dev.trapdoor.engine.validate.Types.UNKNOWN;

/**
 * The instructions of 3.0's GC ({@code 0xFB} prefix, reported to the sink as {@code 0xFB00 | sub}) and
 * {@code ref.eq}. Immediates for the sink: {@code immA} the type (or label of {@code br_on_cast}), {@code immB} the
 * field, second type, segment or count; {@code ref.test}/{@code ref.cast} put their target type's code in
 * {@code immA}, {@code br_on_cast}/{@code _fail} theirs in {@code immB}.
 */
final class GcInstructions {
    static final int BASE = 0xFB00;

    private GcInstructions() {
    }

    /** The value type a field of storage type {@code code} reads as: packed fields are i32. */
    static int unpacked(int code) {
        return code == TypeCode.I8 || code == TypeCode.I16 ? I32 : code;
    }

    static boolean packed(int code) {
        return code == TypeCode.I8 || code == TypeCode.I16;
    }

    static void refEq(FunctionValidator v) {
        v.emit(0xD3);
        int eq = TypeCode.ref(true, TypeCode.HT_EQ);
        v.pop(eq);
        v.pop(eq);
        v.push(I32);
    }

    static void step(FunctionValidator v, int sub) {
        int op = BASE | sub;
        switch (sub) {
            case 0 -> {
                FuncType t = struct(v, v.immA = v.r.u32());
                v.emit(op);
                for (int i = t.fieldCount() - 1; i >= 0; i--) {
                    v.pop(unpacked(t.fieldCode(i)));
                }
                v.push(TypeCode.ref(false, v.immA));
            }
            case 1 -> {
                FuncType t = struct(v, v.immA = v.r.u32());
                for (int i = 0; i < t.fieldCount(); i++) {
                    defaultable(v, t.fieldCode(i));
                }
                v.emit(op);
                v.push(TypeCode.ref(false, v.immA));
            }
            case 2, 3, 4, 5 -> {
                FuncType t = struct(v, v.immA = v.r.u32());
                v.immB = v.r.u32();
                if (v.immB < 0 || v.immB >= t.fieldCount()) {
                    throw v.invalid("unknown field " + Integer.toUnsignedString(v.immB));
                }
                int field = t.fieldCode(v.immB);
                v.emit(op);
                if (sub == 5) {
                    if (!t.fieldMutable(v.immB)) {
                        throw v.invalid("field is immutable");
                    }
                    v.pop(unpacked(field));
                    v.pop(TypeCode.ref(true, v.immA));
                } else {
                    checkPacking(v, field, sub != 2);
                    v.pop(TypeCode.ref(true, v.immA));
                    v.push(unpacked(field));
                }
            }
            case 6, 7 -> {
                FuncType t = array(v, v.immA = v.r.u32());
                if (sub == 7) {
                    defaultable(v, t.fieldCode(0));
                }
                v.emit(op);
                v.pop(I32);
                if (sub == 6) {
                    v.pop(unpacked(t.fieldCode(0)));
                }
                v.push(TypeCode.ref(false, v.immA));
            }
            case 8 -> {
                FuncType t = array(v, v.immA = v.r.u32());
                v.immB = v.r.u32();
                v.emit(op);
                for (long i = 0; i < Integer.toUnsignedLong(v.immB); i++) {
                    v.pop(unpacked(t.fieldCode(0)));
                }
                v.push(TypeCode.ref(false, v.immA));
            }
            case 9, 10 -> {
                FuncType t = array(v, v.immA = v.r.u32());
                v.immB = v.r.u32();
                segment(v, sub == 9, t);
                v.emit(op);
                v.pop(I32);
                v.pop(I32);
                v.push(TypeCode.ref(false, v.immA));
            }
            case 11, 12, 13 -> {
                FuncType t = array(v, v.immA = v.r.u32());
                checkPacking(v, t.fieldCode(0), sub != 11);
                v.emit(op);
                v.pop(I32);
                v.pop(TypeCode.ref(true, v.immA));
                v.push(unpacked(t.fieldCode(0)));
            }
            case 14, 16 -> {
                FuncType t = mutableArray(v, v.immA = v.r.u32());
                v.emit(op);
                if (sub == 16) {
                    v.pop(I32);
                }
                v.pop(unpacked(t.fieldCode(0)));
                v.pop(I32);
                v.pop(TypeCode.ref(true, v.immA));
            }
            case 15 -> {
                v.emit(op);
                v.pop(TypeCode.ref(true, TypeCode.HT_ARRAY));
                v.push(I32);
            }
            case 17 -> {
                FuncType dst = mutableArray(v, v.immA = v.r.u32());
                FuncType src = array(v, v.immB = v.r.u32());
                int d = dst.fieldCode(0);
                int s = src.fieldCode(0);
                if (packed(d) || packed(s) ? d != s : !v.ctx().subtyping.matches(s, d)) {
                    throw v.invalid("type mismatch: array.copy from " + src + " to " + dst);
                }
                v.emit(op);
                v.pop(I32);
                v.pop(I32);
                v.pop(TypeCode.ref(true, v.immB));
                v.pop(I32);
                v.pop(TypeCode.ref(true, v.immA));
            }
            case 18, 19 -> {
                FuncType t = mutableArray(v, v.immA = v.r.u32());
                v.immB = v.r.u32();
                segment(v, sub == 18, t);
                v.emit(op);
                v.pop(I32);
                v.pop(I32);
                v.pop(I32);
                v.pop(TypeCode.ref(true, v.immA));
            }
            case 20, 21, 22, 23 -> {
                int target = TypeCode.ref((sub & 1) == 1, heapType(v));
                v.immA = target;
                v.emit(op);
                popRefOf(v, target);
                v.push(sub < 22 ? I32 : target);
            }
            case 24, 25 -> brOnCast(v, op, sub == 25);
            case 26, 27 -> {
                v.emit(op);
                int from = sub == 26 ? TypeCode.HT_EXTERN : TypeCode.HT_ANY;
                int t = v.pop(TypeCode.ref(true, from));
                boolean nullable = t == UNKNOWN || TypeCode.nullable(t);
                v.push(TypeCode.ref(nullable, sub == 26 ? TypeCode.HT_ANY : TypeCode.HT_EXTERN));
            }
            case 28 -> {
                v.emit(op);
                v.pop(I32);
                v.push(TypeCode.ref(false, TypeCode.HT_I31));
            }
            case 29, 30 -> {
                v.emit(op);
                v.pop(TypeCode.ref(true, TypeCode.HT_I31));
                v.push(I32);
            }
            default -> throw new MalformedModuleException(v.instrOffset, "illegal opcode 0xfb");
        }
    }

    private static void brOnCast(FunctionValidator v, int op, boolean fail) {
        int flagsAt = v.r.pos();
        int flags = v.r.u8();
        if (flags > 3) {
            throw new MalformedModuleException(flagsAt, "malformed br_on_cast flags");
        }
        int label = v.r.u32();
        int rt1 = TypeCode.ref((flags & 1) != 0, heapType(v));
        int rt2 = TypeCode.ref((flags & 2) != 0, heapType(v));
        v.immA = label;
        v.immB = rt2;
        int[] types = v.label(label).labelTypes();
        if (!v.ctx().subtyping.matches(rt2, rt1)) {
            throw v.invalid("type mismatch: br_on_cast's target " + Types.name(rt2) + " is not a subtype of "
                    + Types.name(rt1));
        }
        if (types.length == 0) {
            throw v.invalid("type mismatch: br_on_cast needs a label with a reference type");
        }
        // The branch carries rt2 (or, failing, rt1 without rt2's null); the fall-through keeps the other.
        int diff = TypeCode.withNullable(rt1, TypeCode.nullable(rt1) && !TypeCode.nullable(rt2));
        int branched = fail ? diff : rt2;
        int last = types[types.length - 1];
        if (!v.ctx().subtyping.matches(branched, last)) {
            throw v.invalid("type mismatch: expected " + Types.name(last) + ", got " + Types.name(branched));
        }
        v.emit(op);
        v.pop(rt1);
        int[] rest = java.util.Arrays.copyOf(types, types.length - 1);
        v.popAll(rest);
        v.pushAll(rest);
        v.push(fail ? rt2 : diff);
    }

    /** Pops a reference in the hierarchy of {@code target}'s heap type. */
    private static void popRefOf(FunctionValidator v, int target) {
        Subtyping st = v.ctx().subtyping;
        int top = HeapTypes.top(TypeCode.heap(target), st::form);
        v.pop(TypeCode.ref(true, top));
    }

    private static int heapType(FunctionValidator v) {
        int at = v.r.pos();
        int heap = RefTypes.heapType(v.r);
        if (heap < 0) {
            throw new MalformedModuleException(at, "malformed heap type");
        }
        if (TypeCode.isIndex(heap) && heap >= v.module.types().size()) {
            throw v.invalid("unknown type " + heap);
        }
        return heap;
    }

    /** The function type at {@code index} ({@code call_indirect}, {@code call_ref}): a struct or array is invalid. */
    static FuncType funcType(FunctionValidator v, int index) {
        FuncType t = v.type(index);
        if (!t.isFunc()) {
            throw v.invalid("type mismatch: type " + index + " is not a function type");
        }
        return t;
    }

    private static FuncType struct(FunctionValidator v, int index) {
        FuncType t = v.type(index);
        if (!t.isStruct()) {
            throw v.invalid("type mismatch: type " + index + " is not a struct type");
        }
        return t;
    }

    private static FuncType array(FunctionValidator v, int index) {
        FuncType t = v.type(index);
        if (!t.isArray()) {
            throw v.invalid("type mismatch: type " + index + " is not an array type");
        }
        return t;
    }

    private static FuncType mutableArray(FunctionValidator v, int index) {
        FuncType t = array(v, index);
        if (!t.fieldMutable(0)) {
            throw v.invalid("array is immutable");
        }
        return t;
    }

    private static void checkPacking(FunctionValidator v, int field, boolean signed) {
        if (packed(field) != signed) {
            throw v.invalid(signed ? "type mismatch: the field is not packed" : "type mismatch: the field is packed"
                    + " (use _s or _u)");
        }
    }

    private static void defaultable(FunctionValidator v, int code) {
        if (TypeCode.isRef(code) && !TypeCode.nullable(code)) {
            throw v.invalid("type mismatch: field of " + Types.name(code) + " is not defaultable");
        }
    }

    /** A data segment's bytes fill numeric elements; an element segment's references must match the element. */
    private static void segment(FunctionValidator v, boolean data, FuncType array) {
        int elem = array.fieldCode(0);
        if (data) {
            if (TypeCode.isRef(elem)) {
                throw v.invalid("type mismatch: array.new_data needs a numeric array");
            }
            v.dataSegment(v.immB);
        } else {
            int segType = v.elemSegment(v.immB);
            if (!v.ctx().subtyping.matches(segType, elem)) {
                throw v.invalid("type mismatch: elem segment of " + Types.name(segType) + " into an array of "
                        + Types.name(elem));
            }
        }
    }
}
