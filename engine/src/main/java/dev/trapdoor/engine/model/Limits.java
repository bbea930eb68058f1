package dev.trapdoor.engine.model;

/**
 * Size limits of a memory (in pages) or table (in elements). {@code max} is {@link #NO_MAX} when absent; values are
 * unsigned quantities held in a {@code long} (a u64 past {@link Long#MAX_VALUE} is read as that value, out of every
 * range).
 */
public record Limits(long min, long max) {
    public static final long NO_MAX = -1;

    public boolean hasMax() {
        return max != NO_MAX;
    }
}
