package dev.trapdoor.engine.exec;

/**
 * Limits and options of a {@link Store}.
 *
 * @param maxCallDepth       Wasm frames allowed on the stack before "call stack exhausted"
 * @param maxValueStackSlots value-stack slots (8 bytes each) allowed before "call stack exhausted"
 */
public record EngineConfig(int maxCallDepth, int maxValueStackSlots) {
    public static final EngineConfig DEFAULT = new EngineConfig(20_000, 16 * 1024 * 1024);

    public EngineConfig {
        if (maxCallDepth < 1 || maxValueStackSlots < 1024) {
            throw new IllegalArgumentException("maxCallDepth must be >= 1 and maxValueStackSlots >= 1024");
        }
    }

    public EngineConfig withMaxCallDepth(int depth) {
        return new EngineConfig(depth, maxValueStackSlots);
    }
}
