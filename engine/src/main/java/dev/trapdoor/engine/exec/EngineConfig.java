package dev.trapdoor.engine.exec;

/**
 * Limits and options of a {@link Store}.
 *
 * @param maxCallDepth       Wasm frames allowed on the stack before "call stack exhausted"
 * @param maxValueStackSlots value-stack slots (8 bytes each) allowed before "call stack exhausted"
 * @param emulateFunctionPointerCasts adapt a {@code call_indirect} to a callee of another type instead of trapping
 *                           (extra arguments dropped, missing ones and missing results zero-filled); off by default,
 *                           as the spec requires the trap
 */
public record EngineConfig(int maxCallDepth, int maxValueStackSlots, boolean emulateFunctionPointerCasts) {
    public static final EngineConfig DEFAULT = new EngineConfig(20_000, 16 * 1024 * 1024, false);

    public EngineConfig {
        if (maxCallDepth < 1 || maxValueStackSlots < 1024) {
            throw new IllegalArgumentException("maxCallDepth must be >= 1 and maxValueStackSlots >= 1024");
        }
    }

    public EngineConfig withMaxCallDepth(int depth) {
        return new EngineConfig(depth, maxValueStackSlots, emulateFunctionPointerCasts);
    }

    public EngineConfig withFunctionPointerCastEmulation(boolean on) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, on);
    }
}
