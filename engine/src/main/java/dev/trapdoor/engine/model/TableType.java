package dev.trapdoor.engine.model;

/**
 * A table's element reference type (its kind, and its precise {@link TypeCode}) and limits; {@code init} is a defined
 * table's initializer expression (typed function references), or null: then elements start null.
 */
public record TableType(ValType elemType, Limits limits, int elemCode, ConstExpr init) {
    public TableType(ValType elemType, Limits limits) {
        this(elemType, limits, TypeCode.of(elemType), null);
    }

    /** A table of elements of precise type {@code code}. */
    public static TableType of(int code, Limits limits) {
        return new TableType(TypeCode.kind(code), limits, code, null);
    }

    public TableType withInit(ConstExpr expr) {
        return new TableType(elemType, limits, elemCode, expr);
    }

    /** Whether element indices are i64 (3.0, table64). */
    public boolean is64() {
        return limits.is64();
    }
}
