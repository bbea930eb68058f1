package dev.trapdoor.engine.compile;

/**
 * The chunking rule's estimate of a chunk's entry fills under {@link Liveness}. An entry loads only the slots live at
 * some entry of the chunk and gives every other used slot a constant for the verifier (a few bytes instead of a
 * value-stack load). In clang -O0 code, where nearly every local is a temporary dead at every block boundary, counting
 * each used slot as a load made a chunk of 200 slots look about 1,500 bytes bigger than it is: fsm-O0's hot loop
 * (2,700 bytes of code, in a chunk of 6,600 with its epilogue) was judged not to fit a chunk of its own and was cut
 * in two, two crossings per iteration (benchmarks/RESULTS.md, session 25).
 *
 * <p>A chunk is entered at its start and may become an entry at a loop header, a block's end or an else arm inside it:
 * the estimate counts as loads the slots live at the chunk's start and at any such place of the function, and adds
 * the live slots of any other entry the chunk gets. It is used only where the older estimate would cut a loop: a loop
 * that does not fit what is left of its chunk, and that the older estimate finds too big for a fresh one (three
 * quarters of the limit), starts a fresh chunk if this estimate fits it in the whole limit (its code estimate already
 * carries a quarter for the per-instruction worst cases), and that chunk's reserve then counts fills this way. Every
 * other chunk is cut as before: sizing them all this way made matmul-O0's function one chunk instead of two, 20-25%
 * slower in C2's code.
 *
 * <p>{@code -Dtrapdoor.jit.liveFills=false}: the older rule only.
 */
final class LiveFills {
    /** Not final only so a test can compare both estimates in one run (tests run one at a time). */
    static boolean enabled = !"false".equals(System.getProperty("trapdoor.jit.liveFills"));

    private LiveFills() {
    }

    /**
     * Upper bound of {@link Emit#zero} into JVM local {@code jvmLocal}: a constant ({@code ldc2_w} at most) or
     * {@code lconst_0; l2i}, and the store (wide past local 255).
     */
    static int zeroBytes(int jvmLocal) {
        return 3 + (jvmLocal <= 255 ? 2 : 4);
    }

    /**
     * A chunk starts at {@code entryId}. A typed entry (given no liveness) fills nothing, its prologue zeroes: the
     * older, larger estimate stands there.
     */
    static void startChunk(Emit e, ChunkBudget size, Liveness liveness, int entryId, int paramCount, int nLocals) {
        e.fullFills = fullFills(liveness, entryId);
        size.liveChunk = false;
        e.paramCount = paramCount;
        e.liveLocals = nLocals;
    }

    /** The chunk gets entry {@code id}: the slots live there count as loads too. */
    static void entry(Emit e, Liveness liveness, int id) {
        if (e.fullFills != null) {
            e.fillsLive(liveness.at(id));
        }
    }

    /**
     * The slots whose fills count as loads in a chunk entered at {@code entryId} ({@link EntryIds#FUNCTION_START} for
     * chunk 0), or null when every fill must: the estimate is off, liveness is off or knows nothing of the entry.
     */
    static java.util.BitSet fullFills(Liveness liveness, int entryId) {
        if (!enabled || liveness == null) {
            return null;
        }
        java.util.BitSet structured = liveness.atStructuredEntries();
        if (structured == null) {
            return null;
        }
        java.util.BitSet full = (java.util.BitSet) structured.clone();
        if (entryId != EntryIds.FUNCTION_START) {
            java.util.BitSet atStart = liveness.at(entryId);
            if (atStart == null) {
                return null;
            }
            full.or(atStart);
        }
        return full;
    }
}
