package dev.trapdoor.engine.exec;

/** Supplies the entities a module imports. Returns {@code null} for an unknown import. */
@FunctionalInterface
public interface ImportResolver {
    ImportResolver NONE = (module, name) -> null;

    Extern resolve(String module, String name);
}
