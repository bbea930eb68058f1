package dev.trapdoor.engine.exec;

/**
 * Limits and options of a {@link Store}.
 *
 * @param maxCallDepth       Wasm frames allowed on the stack before "call stack exhausted"
 * @param maxValueStackSlots value-stack slots (8 bytes each) allowed before "call stack exhausted"
 * @param emulateFunctionPointerCasts adapt a {@code call_indirect} to a callee of another type instead of trapping
 *                           (extra arguments dropped, missing ones and missing results zero-filled); off by default,
 *                           as the spec requires the trap
 * @param tier               which code runs the functions
 * @param chunkBudget        bytes of JVM bytecode one compiled chunk may hold; a function that needs more is compiled
 *                           into several chunks (HotSpot's C2 ignores methods over 8000 bytes)
 * @param tierUpThreshold    calls plus loop iterations of a function after which the tiered mode compiles it
 * @param maxMemory          bytes of linear memory the store's memories may reserve together
 *                           ({@link MemoryBudget#UNLIMITED} by default): a grow past it returns -1 and an instantiation
 *                           past it fails
 */
public record EngineConfig(int maxCallDepth, int maxValueStackSlots, boolean emulateFunctionPointerCasts, Tier tier,
                           int chunkBudget, int tierUpThreshold, long maxMemory) {
    /** The default chunk budget: under C2's 8000-byte limit with room for HotSpot's own accounting. */
    public static final int DEFAULT_CHUNK_BUDGET = 7600;
    public static final EngineConfig DEFAULT = new EngineConfig(20_000, 16 * 1024 * 1024, false);

    public EngineConfig {
        if (maxCallDepth < 1 || maxValueStackSlots < 1024) {
            throw new IllegalArgumentException("maxCallDepth must be >= 1 and maxValueStackSlots >= 1024");
        }
        if (chunkBudget < 64 || chunkBudget > 30_000) {
            throw new IllegalArgumentException("chunkBudget must be between 64 and 30000 bytes");
        }
        if (maxMemory < 0) {
            throw new IllegalArgumentException("maxMemory must not be negative");
        }
        if (tier == null) {
            throw new IllegalArgumentException("tier must not be null");
        }
    }

    public EngineConfig(int maxCallDepth, int maxValueStackSlots, boolean emulateFunctionPointerCasts) {
        this(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, Tier.INTERPRETER, DEFAULT_CHUNK_BUDGET,
                1000, MemoryBudget.UNLIMITED);
    }

    public EngineConfig withMaxCallDepth(int depth) {
        return new EngineConfig(depth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, maxMemory);
    }

    public EngineConfig withFunctionPointerCastEmulation(boolean on) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, on, tier, chunkBudget, tierUpThreshold, maxMemory);
    }

    public EngineConfig withTier(Tier t) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, t, chunkBudget,
                tierUpThreshold, maxMemory);
    }

    public EngineConfig withChunkBudget(int bytes) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, bytes,
                tierUpThreshold, maxMemory);
    }

    public EngineConfig withTierUpThreshold(int count) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                count, maxMemory);
    }

    public EngineConfig withMaxMemory(long bytes) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, bytes);
    }
}
