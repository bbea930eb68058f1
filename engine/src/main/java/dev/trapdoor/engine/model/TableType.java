package dev.trapdoor.engine.model;

/** A table's element reference type and limits. */
public record TableType(ValType elemType, Limits limits) {
}
