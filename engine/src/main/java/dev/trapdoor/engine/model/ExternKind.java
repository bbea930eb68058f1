package dev.trapdoor.engine.model;

/** The four kinds of importable and exportable entities, with their binary codes. */
public enum ExternKind {
    FUNC, TABLE, MEMORY, GLOBAL;

    /** Returns the kind for a binary code, or {@code null} for an unknown code. */
    public static ExternKind fromCode(int code) {
        return code >= 0 && code < 4 ? values()[code] : null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
