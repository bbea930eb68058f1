package dev.trapdoor.engine.exec;

/**
 * Limits and options of a {@link Store}.
 *
 * @param maxCallDepth       Wasm frames allowed on the stack before "call stack exhausted"
 * @param maxValueStackSlots value-stack slots (8 bytes each) allowed before "call stack exhausted"; at least
 *                           {@link #MIN_VALUE_STACK_SLOTS}
 * @param emulateFunctionPointerCasts adapt a {@code call_indirect} to a callee of another type instead of trapping
 *                           (extra arguments dropped, missing ones and missing results zero-filled); off by default,
 *                           as the spec requires the trap
 * @param tier               which code runs the functions
 * @param chunkBudget        bytes of JVM bytecode one compiled chunk may hold; a function that needs more is compiled
 *                           into several chunks (HotSpot's C2 ignores methods over 8000 bytes)
 * @param tierUpThreshold    interpreted calls of a function after which the tiered mode compiles it (a hot loop is
 *                           found by the sampler instead)
 * @param translation        how the interpreter translates functions ({@link TranslationLevel#OPTIMIZED} by default;
 *                           a debugger retranslates single functions exactly when it needs to)
 * @param maxTableElements   elements a table may hold: a module declaring more is uninstantiable (with the declared
 *                           size named), a {@code table.grow} past it fails with -1 as the spec allows
 * @param timeLimitMillis    wall-clock milliseconds an outermost call into Wasm may run before it traps with
 *                           "time limit exceeded" (time stopped in a debugger does not count); 0 for no limit
 * @param maxMemory          bytes of linear memory the store's memories may reserve together
 *                           ({@link MemoryBudget#UNLIMITED} by default): a grow past it returns -1 and an instantiation
 *                           past it fails
 */
public record EngineConfig(int maxCallDepth, int maxValueStackSlots, boolean emulateFunctionPointerCasts, Tier tier,
                           int chunkBudget, int tierUpThreshold, TranslationLevel translation, int maxTableElements,
                           long timeLimitMillis, long maxMemory) {
    public static final int MIN_CHUNK_BUDGET = 64;
    public static final int MAX_CHUNK_BUDGET = 30_000;
    /**
     * The default chunk budget: 7,600 bytes, under C2's 8,000-byte limit with room for HotSpot's own accounting, so
     * that a function of up to that size is one chunk with a typed entry. {@code -Dtrapdoor.jit.chunkBudget=N} sets
     * another: {@code bin/trapdoor run} sets 4,000, since C1, which compiles a chunk first, gave up on chunks of
     * 5,000-6,500 bytes with a few dozen {@code long} locals ("out of virtual registers in linear scan") and such a
     * chunk ran in the JVM's bytecode interpreter until C2 took it, up to 0.8 s of a Lua run and ~1 s of an SQLite
     * run; a smaller budget costs the kernels crossings (nbody-O2 44,000 per call instead of 1) and typed entries
     * (benchmarks/RESULTS.md, session 17).
     */
    public static final int DEFAULT_CHUNK_BUDGET = Math.max(MIN_CHUNK_BUDGET,
            Math.min(MAX_CHUNK_BUDGET, Integer.getInteger("trapdoor.jit.chunkBudget", 7600)));
    /**
     * The tiered mode's call count before a function is compiled. {@code -Dtrapdoor.jit.tierUpThreshold=N} sets another
     * default; {@link #withTierUpThreshold} sets it per store.
     */
    public static final int DEFAULT_TIER_UP_THRESHOLD = Math.max(1,
            Integer.getInteger("trapdoor.jit.tierUpThreshold", 1000));
    /** V8's limit too; a Java array could hold more, but 10 million 8-byte elements is already 80 MB per table. */
    public static final int DEFAULT_MAX_TABLE_ELEMENTS = 10_000_000;
    public static final EngineConfig DEFAULT = new EngineConfig(20_000, 16 * 1024 * 1024, false);
    /**
     * The value stack's first length: both tiers check the limit only when a frame would pass the stack's length
     * (the typed entries compare against this constant), so a smaller limit could not be held to.
     */
    public static final int MIN_VALUE_STACK_SLOTS = Interpreter.INITIAL_SLOTS;

    public EngineConfig {
        if (maxCallDepth < 1 || maxValueStackSlots < MIN_VALUE_STACK_SLOTS) {
            throw new IllegalArgumentException("maxCallDepth must be >= 1 and maxValueStackSlots >= "
                    + MIN_VALUE_STACK_SLOTS);
        }
        if (chunkBudget < MIN_CHUNK_BUDGET || chunkBudget > MAX_CHUNK_BUDGET) {
            throw new IllegalArgumentException("chunkBudget must be between 64 and 30000 bytes");
        }
        if (tier == null) {
            throw new IllegalArgumentException("tier must not be null");
        }
        if (translation == null) {
            throw new IllegalArgumentException("translation must not be null");
        }
        if (maxMemory < 0) {
            throw new IllegalArgumentException("maxMemory must not be negative");
        }
        if (maxTableElements < 0 || timeLimitMillis < 0) {
            throw new IllegalArgumentException("maxTableElements and timeLimitMillis must not be negative");
        }
    }

    public EngineConfig(int maxCallDepth, int maxValueStackSlots, boolean emulateFunctionPointerCasts, Tier tier,
                        int chunkBudget, int tierUpThreshold) {
        this(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget, tierUpThreshold,
                TranslationLevel.OPTIMIZED, DEFAULT_MAX_TABLE_ELEMENTS, 0, MemoryBudget.UNLIMITED);
    }

    public EngineConfig(int maxCallDepth, int maxValueStackSlots, boolean emulateFunctionPointerCasts) {
        this(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, Tier.INTERPRETER, DEFAULT_CHUNK_BUDGET,
                DEFAULT_TIER_UP_THRESHOLD);
    }

    public EngineConfig withMaxCallDepth(int depth) {
        return new EngineConfig(depth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, translation, maxTableElements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withFunctionPointerCastEmulation(boolean on) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, on, tier, chunkBudget, tierUpThreshold, translation,
                maxTableElements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withTier(Tier t) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, t, chunkBudget,
                tierUpThreshold, translation, maxTableElements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withChunkBudget(int bytes) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, bytes,
                tierUpThreshold, translation, maxTableElements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withTierUpThreshold(int count) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                count, translation, maxTableElements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withTranslation(TranslationLevel level) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, level, maxTableElements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withMaxTableElements(int elements) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, translation, elements, timeLimitMillis, maxMemory);
    }

    public EngineConfig withTimeLimitMillis(long millis) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, translation, maxTableElements, millis, maxMemory);
    }

    public EngineConfig withMaxMemory(long bytes) {
        return new EngineConfig(maxCallDepth, maxValueStackSlots, emulateFunctionPointerCasts, tier, chunkBudget,
                tierUpThreshold, translation, maxTableElements, timeLimitMillis, bytes);
    }
}
