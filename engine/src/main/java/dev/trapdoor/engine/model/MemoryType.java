package dev.trapdoor.engine.model;

/** A linear memory's limits, in 64 KiB pages. */
public record MemoryType(Limits limits) {
    /** Whether addresses are i64 (3.0, memory64). */
    public boolean is64() {
        return limits.is64();
    }
}
