package dev.trapdoor.engine.model;

/** A table's element reference type (its kind, and its precise {@link TypeCode}) and limits. */
public record TableType(ValType elemType, Limits limits, int elemCode) {
    public TableType(ValType elemType, Limits limits) {
        this(elemType, limits, TypeCode.of(elemType));
    }

    /** A table of elements of precise type {@code code}. */
    public static TableType of(int code, Limits limits) {
        return new TableType(TypeCode.kind(code), limits, code);
    }
}
