package dev.trapdoor.engine.model;

/** A global's value type (its kind, and its precise {@link TypeCode}) and mutability. */
public record GlobalType(ValType type, boolean mutable, int code) {
    public GlobalType(ValType type, boolean mutable) {
        this(type, mutable, TypeCode.of(type));
    }

    /** A global of precise type {@code code}. */
    public static GlobalType of(int code, boolean mutable) {
        return new GlobalType(TypeCode.kind(code), mutable, code);
    }
}
