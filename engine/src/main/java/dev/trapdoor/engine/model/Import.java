package dev.trapdoor.engine.model;

/** One import, with the module offset of its entry for error messages. */
public record Import(String module, String name, ImportDesc desc, int moduleOffset) {
}
