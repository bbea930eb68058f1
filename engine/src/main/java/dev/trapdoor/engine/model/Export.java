package dev.trapdoor.engine.model;

/** One export: a name bound to an index in the module's space of that kind. */
public record Export(String name, ExternKind kind, int index, int moduleOffset) {
}
