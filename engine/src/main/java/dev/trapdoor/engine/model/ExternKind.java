package dev.trapdoor.engine.model;

/** The kinds of importable and exportable entities, with their binary codes (tags: 3.0, exception handling). */
public enum ExternKind {
    FUNC, TABLE, MEMORY, GLOBAL, TAG;

    /** Returns the kind for a binary code, or {@code null} for an unknown code. */
    public static ExternKind fromCode(int code) {
        return code >= 0 && code < 5 ? values()[code] : null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
