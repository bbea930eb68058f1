package dev.trapdoor.engine.model;

/** A table's element reference type and limits. */
public record TableType(ValType elemType, Limits limits) {
    /** Whether element indices are i64 (3.0, table64). */
    public boolean is64() {
        return limits.is64();
    }
}
