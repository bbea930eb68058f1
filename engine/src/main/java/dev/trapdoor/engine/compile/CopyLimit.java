package dev.trapdoor.engine.compile;

import java.util.function.Supplier;

/**
 * Header copies and branchy tails kept to functions of a few chunks (ARCHITECTURE.md "Header copies"; off unless
 * {@code -Dtrapdoor.jit.copyChunks=N}). A function that header copies leave with more than N chunks is translated
 * again with copies and branchy tails off, and so is one that recorded a header and copied it nowhere: recording it
 * made the ends of its cases entries for copies that never came (Lua's function 276, in one chunk: 3,420 bytes
 * instead of 3,093).
 *
 * <p>Why: {@code bigvm}'s loop needs 12 chunks with the copies (9 without) and runs ~1.2x faster with them; Lua's
 * {@code luaV_execute} at {@code trapdoor run}'s budget of 4,000 needs 35 (23 without, 102 KB of bytecode instead of
 * 66 KB), and a {@code bench.lua 4} run spent that on C1 and C2 and on the guest thread before C2 had the chunks:
 * 4-17% more CPU in 5 of 5 pairs (benchmarks/RESULTS.md, session 31). The copies save the same crossing per step in
 * both; a function of many chunks pays for them in every one of its chunks, once per compile.
 */
final class CopyLimit {
    private CopyLimit() {
    }

    /** Set while a function is translated again without copies. */
    private static final ThreadLocal<Boolean> WITHOUT = ThreadLocal.withInitial(() -> false);

    /** The most chunks a function translated with header copies may take; 0 for no limit. Read per function. */
    static int maxChunks() {
        return Integer.getInteger("trapdoor.jit.copyChunks", 0);
    }

    /** Whether this translation is the one without copies. */
    static boolean without() {
        return WITHOUT.get();
    }

    /**
     * The translation {@code translate} makes, or when header copies are on, the one it makes with copies and branchy
     * tails off if the first took more than {@link #maxChunks} chunks with a header copy, or recorded a header and
     * emitted no copy of it ({@code recorded}, {@code copied}: of the translation last made).
     */
    static CompiledClass limit(Supplier<CompiledClass> translate, Supplier<Boolean> recorded,
                               Supplier<Boolean> copied) {
        CompiledClass cc = translate.get();
        int most = maxChunks();
        if (most <= 0 || without() || !HeaderCopy.enabled() || !recorded.get()
                || copied.get() && cc.chunkCount() <= most) {
            return cc;
        }
        WITHOUT.set(true);
        try {
            return translate.get();
        } finally {
            WITHOUT.set(false);
        }
    }
}
