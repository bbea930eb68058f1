package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;

/**
 * An exception tag (3.0): what a {@code throw} names and a {@code catch} matches, by identity. Its payload is the
 * parameters of its function type. A host creates one to throw or catch a Wasm exception from Java
 * ({@link WasmThrow}), or to give a module as an import.
 */
public final class TagInstance implements Extern {
    private final FuncType type;
    private final String name;
    /**
     * The canonical id of its type in the store of the module that defined it (iso-recursive: two tags of equal
     * signatures from different recursive groups differ), or -1 for a tag a host made.
     */
    int typeId = -1;

    /** @param name how debuggers and reports call the tag (the name section's, or an export's), or null */
    public TagInstance(FuncType type, String name) {
        if (type.resultCount() != 0) {
            throw new IllegalArgumentException("a tag's type has no results: " + type);
        }
        this.type = type;
        this.name = name;
    }

    public FuncType type() {
        return type;
    }

    /** The tag's name, or null when it has none. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return (name != null ? "$" + name : "tag") + " " + type;
    }
}
