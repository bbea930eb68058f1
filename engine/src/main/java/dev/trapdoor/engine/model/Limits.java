package dev.trapdoor.engine.model;

/**
 * Size limits of a memory (in pages) or table (in elements). {@code max} is {@link #NO_MAX} when absent; values are
 * unsigned quantities held in a {@code long} (a u64 past {@link Long#MAX_VALUE} is read as that value, out of every
 * range). {@code is64} marks 3.0's 64-bit address type (memory64, table64): addresses, sizes and lengths are i64.
 */
public record Limits(long min, long max, boolean is64) {
    public static final long NO_MAX = -1;

    /** 32-bit limits, as Wasm 2.0 has them. */
    public Limits(long min, long max) {
        this(min, max, false);
    }

    public boolean hasMax() {
        return max != NO_MAX;
    }

    @Override
    public String toString() {
        return (is64 ? "i64 " : "") + Long.toUnsignedString(min) + (hasMax() ? " " + Long.toUnsignedString(max) : "");
    }
}
