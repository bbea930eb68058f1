package dev.trapdoor.engine.model;

import java.util.Arrays;

/**
 * A defined type: a function signature, or (GC) a struct type (fields) or an array type (one field), each field a
 * {@link TypeCode} (the packed {@link TypeCode#I8}/{@link TypeCode#I16} included) and a mutability. The name stays
 * from the time only function types existed; {@link #isFunc()} tells them apart. Equality is structural over the precise {@link TypeCode}s; a type that refers to others by
 * index equals another only within one module (a store compares canonical forms, see {@code exec.TypeCanon}).
 */
public final class FuncType {
    private final ValType[] params;
    private final ValType[] results;
    private final int[] paramCodes;
    private final int[] resultCodes;
    private final int hash;
    private final boolean v128;
    private final boolean isFinal;
    private final int superIndex;
    private final int recStart;
    private final int recSize;
    private final int form;
    private final int[] fieldCodes;
    private final boolean[] fieldMutable;

    /** The binary forms of the composite types. */
    public static final int FUNC = 0x60;
    public static final int STRUCT = 0x5F;
    public static final int ARRAY = 0x5E;

    public FuncType(ValType[] params, ValType[] results) {
        this(TypeCode.of(params), TypeCode.of(results));
    }

    /** A signature of precise types ({@link TypeCode}s). */
    public FuncType(int[] paramCodes, int[] resultCodes) {
        this(paramCodes, resultCodes, true, -1, -1, 1, FUNC, new int[0], new boolean[0]);
    }

    /** A struct type of these fields. */
    public static FuncType struct(int[] fieldCodes, boolean[] mutable) {
        return new FuncType(new int[0], new int[0], true, -1, -1, 1, STRUCT, fieldCodes, mutable);
    }

    /** An array type of this element. */
    public static FuncType array(int elemCode, boolean mutable) {
        return new FuncType(new int[0], new int[0], true, -1, -1, 1, ARRAY, new int[] {elemCode},
                new boolean[] {mutable});
    }

    private FuncType(int[] paramCodes, int[] resultCodes, boolean isFinal, int superIndex, int recStart, int recSize,
                     int form, int[] fieldCodes, boolean[] fieldMutable) {
        this.form = form;
        this.fieldCodes = fieldCodes.clone();
        this.fieldMutable = fieldMutable.clone();
        this.isFinal = isFinal;
        this.superIndex = superIndex;
        this.recStart = recStart;
        this.recSize = recSize;
        this.paramCodes = paramCodes.clone();
        this.resultCodes = resultCodes.clone();
        this.params = TypeCode.kinds(paramCodes);
        this.results = TypeCode.kinds(resultCodes);
        this.hash = 31 * (31 * Arrays.hashCode(this.paramCodes) + Arrays.hashCode(this.resultCodes))
                + (isFinal ? 0 : 7) + superIndex + 1009 * form + Arrays.hashCode(this.fieldCodes);
        this.v128 = Arrays.asList(this.params).contains(ValType.V128)
                || Arrays.asList(this.results).contains(ValType.V128);
    }

    public static FuncType of(ValType[] params, ValType[] results) {
        return new FuncType(params, results);
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    /** Whether a parameter or result is a v128 (which the engine's flat value arrays hold as two longs). */
    public boolean hasV128() {
        return v128;
    }

    public ValType param(int i) {
        return params[i];
    }

    public ValType result(int i) {
        return results[i];
    }

    /** Parameter {@code i}'s precise type. */
    public int paramCode(int i) {
        return paramCodes[i];
    }

    public int resultCode(int i) {
        return resultCodes[i];
    }

    public int[] paramCodes() {
        return paramCodes.clone();
    }

    public int[] resultCodes() {
        return resultCodes.clone();
    }

    /**
     * This type declared with {@code sub} (GC's subtyping): {@code isFinal} unless {@code sub} without {@code final},
     * {@code superIndex} the declared supertype's index, or -1. Both take part in equality.
     */
    public FuncType withSub(boolean isFinal, int superIndex) {
        return new FuncType(paramCodes, resultCodes, isFinal, superIndex, recStart, recSize, form, fieldCodes,
                fieldMutable);
    }

    /** This type as a member of the recursive group of {@code size} types from index {@code start}. */
    public FuncType inRecGroup(int start, int size) {
        return new FuncType(paramCodes, resultCodes, isFinal, superIndex, start, size, form, fieldCodes,
                fieldMutable);
    }

    /** The same signature with other types: for canonical forms, keeping finality, supertype and group. */
    public FuncType withCodes(int[] params, int[] results, int superIndex) {
        return new FuncType(params, results, isFinal, superIndex, recStart, recSize, form, fieldCodes, fieldMutable);
    }

    /** The same type with other field types (canonical forms). */
    public FuncType withFieldCodes(int[] fields) {
        return new FuncType(paramCodes, resultCodes, isFinal, superIndex, recStart, recSize, form, fields,
                fieldMutable);
    }

    /** {@link #FUNC}, {@link #STRUCT} or {@link #ARRAY}. */
    public int form() {
        return form;
    }

    public boolean isFunc() {
        return form == FUNC;
    }

    public boolean isStruct() {
        return form == STRUCT;
    }

    public boolean isArray() {
        return form == ARRAY;
    }

    /** Fields of a struct; 1 for an array (its element). */
    public int fieldCount() {
        return fieldCodes.length;
    }

    /** Field {@code i}'s storage type: a {@link TypeCode}, {@link TypeCode#I8} or {@link TypeCode#I16}. */
    public int fieldCode(int i) {
        return fieldCodes[i];
    }

    public int[] fieldCodes() {
        return fieldCodes.clone();
    }

    public boolean fieldMutable(int i) {
        return fieldMutable[i];
    }

    public boolean isFinal() {
        return isFinal;
    }

    /** The declared supertype's index, or -1. */
    public int superIndex() {
        return superIndex;
    }

    /** The first index of this type's recursive group; -1 when it was built outside a module (a group of one). */
    public int recStart() {
        return recStart;
    }

    public int recSize() {
        return recSize;
    }

    /** Whether a parameter or result is a reference to a type index (so equality needs canonical forms). */
    public boolean refersToTypes() {
        for (int c : paramCodes) {
            if (TypeCode.isRef(c) && TypeCode.isIndex(TypeCode.heap(c))) {
                return true;
            }
        }
        for (int c : resultCodes) {
            if (TypeCode.isRef(c) && TypeCode.isIndex(TypeCode.heap(c))) {
                return true;
            }
        }
        for (int c : fieldCodes) {
            if (TypeCode.isRef(c) && TypeCode.isIndex(TypeCode.heap(c))) {
                return true;
            }
        }
        return false;
    }

    public ValType[] params() {
        return params.clone();
    }

    public ValType[] results() {
        return results.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType t && hash == t.hash && isFinal == t.isFinal && superIndex == t.superIndex
                && Arrays.equals(paramCodes, t.paramCodes) && Arrays.equals(resultCodes, t.resultCodes)
                && form == t.form && Arrays.equals(fieldCodes, t.fieldCodes) && Arrays.equals(fieldMutable, t.fieldMutable);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Renders as {@code (i32, i64) -> (f32)}, the form trap details and messages use. */
    @Override
    public String toString() {
        if (form != FUNC) {
            StringBuilder sb = new StringBuilder(form == STRUCT ? "(struct" : "(array");
            for (int i = 0; i < fieldCodes.length; i++) {
                String t = TypeCode.text(fieldCodes[i]);
                sb.append(' ').append(fieldMutable[i] ? "(mut " + t + ")" : t);
            }
            return sb.append(')').toString();
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(TypeCode.text(paramCodes[i]));
        }
        sb.append(") -> (");
        for (int i = 0; i < results.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(TypeCode.text(resultCodes[i]));
        }
        return sb.append(')').toString();
    }
}
