package dev.trapdoor.engine.model;

/**
 * A value type as one {@code int}, precise enough for typed function references: the numeric types and the nullable
 * abstract references are small codes ({@link #I32} to {@link #EXTERNREF}), and every other reference type is
 * {@link #REF} with a {@link #NULLABLE} bit and a heap type in the low bits: a type index of the module, or
 * {@link #ABSTRACT} plus the heap type's binary byte. {@code (ref null func)} is always {@link #FUNCREF}, so equal types
 * have equal codes. {@link ValType} stays the value's kind, which is all the runtime needs: every function reference,
 * typed or not, is a {@code funcref} slot.
 */
public final class TypeCode {
    public static final int I32 = 1;
    public static final int I64 = 2;
    public static final int F32 = 3;
    public static final int F64 = 4;
    public static final int V128 = 5;
    public static final int FUNCREF = 6;
    public static final int EXTERNREF = 7;
    /** Exception references (3.0 exception handling): {@code (ref null exn)}. */
    public static final int EXNREF = 8;
    /** Packed storage types of GC fields (never a value's type: they read as i32). */
    public static final int I8 = 9;
    public static final int I16 = 10;

    public static final int REF = 1 << 30;
    public static final int NULLABLE = 1 << 29;
    public static final int ABSTRACT = 1 << 28;
    private static final int HEAP_MASK = ABSTRACT | (ABSTRACT - 1);

    /** Heap types by their binary byte. */
    public static final int HT_FUNC = ABSTRACT | 0x70;
    public static final int HT_EXTERN = ABSTRACT | 0x6F;
    /** The bottom heap types of functions and of external references: only null has them. */
    public static final int HT_NOFUNC = ABSTRACT | 0x73;
    public static final int HT_NOEXTERN = ABSTRACT | 0x72;
    public static final int HT_EXN = ABSTRACT | 0x69;
    public static final int HT_NOEXN = ABSTRACT | 0x74;
    /** GC's internal references: {@code any} above {@code eq} above {@code i31}, {@code struct} and {@code array}. */
    public static final int HT_ANY = ABSTRACT | 0x6E;
    public static final int HT_EQ = ABSTRACT | 0x6D;
    public static final int HT_I31 = ABSTRACT | 0x6C;
    public static final int HT_STRUCT = ABSTRACT | 0x6B;
    public static final int HT_ARRAY = ABSTRACT | 0x6A;
    public static final int HT_NONE = ABSTRACT | 0x71;

    private static final ValType[] KINDS = {null, ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
            ValType.FUNCREF, ValType.EXTERNREF, ValType.EXNREF, ValType.I32, ValType.I32};

    private TypeCode() {
    }

    public static int of(ValType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            case FUNCREF -> FUNCREF;
            case EXTERNREF -> EXTERNREF;
            case EXNREF -> EXNREF;
        };
    }

    public static int[] of(ValType[] types) {
        int[] codes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            codes[i] = of(types[i]);
        }
        return codes;
    }

    /** {@code (ref null? heap)}, normalized so that the nullable abstract ones are their shorthand codes. */
    public static int ref(boolean nullable, int heap) {
        if (nullable && heap == HT_FUNC) {
            return FUNCREF;
        }
        if (nullable && heap == HT_EXTERN) {
            return EXTERNREF;
        }
        if (nullable && heap == HT_EXN) {
            return EXNREF;
        }
        return REF | (nullable ? NULLABLE : 0) | heap;
    }

    public static boolean isRef(int code) {
        return code == FUNCREF || code == EXTERNREF || code == EXNREF || (code & REF) != 0;
    }

    public static boolean nullable(int code) {
        return code == FUNCREF || code == EXTERNREF || code == EXNREF
                || (code & (REF | NULLABLE)) == (REF | NULLABLE);
    }

    /** The heap type of a reference type code. */
    public static int heap(int code) {
        return code == FUNCREF ? HT_FUNC : code == EXTERNREF ? HT_EXTERN : code == EXNREF ? HT_EXN : code & HEAP_MASK;
    }

    /** Whether heap type {@code heap} is a type index (of a module, or a canonical id in a store). */
    public static boolean isIndex(int heap) {
        return (heap & ABSTRACT) == 0;
    }

    /** The same reference type with its nullability set to {@code nullable}. */
    public static int withNullable(int code, boolean nullable) {
        return ref(nullable, heap(code));
    }

    /** Whether heap type {@code heap} is one of GC's abstract internal types (any, eq, i31, struct, array, none). */
    public static boolean isInternal(int heap) {
        return heap == HT_ANY || heap == HT_EQ || heap == HT_I31 || heap == HT_STRUCT || heap == HT_ARRAY
                || heap == HT_NONE;
    }

    /**
     * The kind a slot of this type holds. GC's internal references are {@link ValType#EXTERNREF} slots: the same
     * tagged {@code long}s, since {@code any.convert_extern} and {@code extern.convert_any} change no bits
     * ({@code exec.GcRefs}). A type index's kind is {@link ValType#FUNCREF} even for a struct or array type, which
     * only the module knows; {@code exec} treats every reference slot alike.
     */
    public static ValType kind(int code) {
        if (code > 0 && code < KINDS.length) {
            return KINDS[code];
        }
        int heap = heap(code);
        return heap == HT_EXTERN || heap == HT_NOEXTERN || isInternal(heap) ? ValType.EXTERNREF
                : heap == HT_EXN || heap == HT_NOEXN ? ValType.EXNREF : ValType.FUNCREF;
    }

    public static ValType[] kinds(int[] codes) {
        ValType[] kinds = new ValType[codes.length];
        for (int i = 0; i < codes.length; i++) {
            kinds[i] = kind(codes[i]);
        }
        return kinds;
    }

    /** The text format's spelling: {@code i32}, {@code funcref}, {@code (ref null $3)}, {@code (ref func)}. */
    public static String text(int code) {
        if (code == I8 || code == I16) {
            return code == I8 ? "i8" : "i16";
        }
        if (code > 0 && code < KINDS.length) {
            return KINDS[code].toString();
        }
        int heap = heap(code);
        String ht = isIndex(heap) ? "$" + heap : heap == HT_EXTERN ? "extern" : heap == HT_FUNC ? "func"
                : heap == HT_NOFUNC ? "nofunc" : heap == HT_NOEXTERN ? "noextern" : heap == HT_EXN ? "exn"
                : heap == HT_NOEXN ? "noexn" : heap == HT_ANY ? "any" : heap == HT_EQ ? "eq" : heap == HT_I31 ? "i31"
                : heap == HT_STRUCT ? "struct" : heap == HT_ARRAY ? "array" : heap == HT_NONE ? "none" : "0x" + Integer.toHexString(heap);
        return "(ref " + (nullable(code) ? "null " : "") + ht + ")";
    }
}
