package dev.trapdoor.engine.error;

/**
 * WebAssembly features Trapdoor does not implement yet, each named as users know it. A module that uses one is
 * reported with {@link UnsupportedFeatureException}, never as malformed: its bytes are well-formed under the spec
 * that defines the feature (3.0, or the threads proposal).
 */
public enum Feature {
    SIMD("SIMD"),
    RELAXED_SIMD("relaxed SIMD"),
    TAIL_CALLS("tail calls"),
    EXCEPTION_HANDLING("exception handling"),
    MEMORY64("memory64"),
    MULTI_MEMORY("multi-memory"),
    TYPED_FUNCTION_REFERENCES("typed function references"),
    GC("GC"),
    THREADS("threads");

    private final String displayName;

    Feature(String displayName) {
        this.displayName = displayName;
    }

    /** The name in messages, e.g. "tail calls". */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
