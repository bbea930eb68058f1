package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * The chunking rule's arithmetic for one function: how many bytes the current chunk may still take, what its
 * epilogue will need, the worst case of the next instruction, and whether a loop should start a fresh chunk. The
 * translator asks before each instruction and each loop; a chunk never passes {@link #C2_LIMIT}.
 */
final class ChunkBudget {
    /** HotSpot's limit ({@code HugeMethodLimit}) past which C2 never compiles a method. */
    static final int C2_LIMIT = 8000;
    /** A fill or spill of one slot, for estimates (the exact size is {@link Emit#moveBytes}). */
    private static final int MOVE_BYTES = 9;
    /** {@code -Dtrapdoor.jit.exactOpenBlocks=false}: the older reserves for open blocks and {@code br_table} stubs. */
    static final boolean EXACT_OPEN = !"false".equals(System.getProperty("trapdoor.jit.exactOpenBlocks"));

    private final FunctionTranslator t;
    private final int budget;
    /** Loop lengths and slots, for starting a loop in a fresh chunk (none known: loops are cut like any code). */
    LoopExtents loops = new LoopExtents();
    /** Module offset of the function's first instruction. */
    int firstOffset = -1;
    /** JVM bytes of the finished chunks' code, without their epilogues: the rate estimates go by. */
    int finishedCodeBytes;

    /**
     * The budget of a chunk that keeps a loop whole ({@link WholeLoops}); no larger than {@link #budget}: the rule
     * is off.
     */
    int loopBudget;
    /** The real pass: measured loop sizes, or null (loops placed by their Wasm length). */
    WholeLoops whole;
    /** The scratch pass: where loop sizes are recorded, or null. */
    WholeLoops measuring;
    /** Module offset of the loop the current chunk keeps whole (the loop budget applies until its end), or -1. */
    int keptLoop = -1;
    /** Scratch pass: loops opened, each with whether its chunk started at it. */
    private final java.util.Map<Integer, Boolean> measuredFresh = new java.util.HashMap<>();

    /** {@link SlotBudget}'s limit for this function, 0 off; the scratch pass of {@link WholeLoops} ignores it. */
    private final int slotLimit = SlotBudget.limit();

    ChunkBudget(FunctionTranslator t, int budget) {
        this.t = t;
        this.budget = budget;
    }

    /**
     * Whether the chunk must end before an instruction that may add {@code worst} bytes: its bytes would pass the
     * limit, or its JVM locals have reached {@link SlotBudget}'s outside every loop (a cut in a loop costs a crossing
     * per iteration: sort-O0 1.2-1.3 ms against 0.40-0.44, fsm-O0 1.2 against 0.46, benchmarks/RESULTS.md session 27).
     */
    boolean full(int worst) {
        return t.e.mv.bytes + reserve() + worst > limit() || measuring == null && keptLoop < 0
                && SlotBudget.full(slotLimit, t.e.jvmLocals(), t.e.mv.bytes, budget) && !inLoop();
    }

    /** Whether a live loop is open. */
    private boolean inLoop() {
        for (int i = t.controls.size() - 1; i >= 0; i--) {
            if (t.controls.get(i).kind == Control.LOOP && !t.controls.get(i).dead) {
                return true;
            }
        }
        return false;
    }

    /** Whether chunks keep measured loops whole at {@link #loopBudget}. */
    boolean keepsLoops() {
        return whole != null && loopBudget > budget;
    }

    /**
     * What a chunk may spend on {@code JitMemory} calls: one that may keep a loop whole takes the allowance of the
     * loop budget, so the larger chunk stays inside C2's inlining budget.
     */
    int memoryAllowance() {
        return MemoryOps.callAllowance(keptLoop >= 0 ? loopBudget : budget);
    }

    /**
     * The size a chunk may reach. A frame of hundreds of slots makes the epilogue alone (loading and spilling every
     * slot) larger than the budget; the chunk then still gets half the budget for code, so it holds more than one
     * instruction and translation stays linear in the function's size.
     */
    int limit() {
        int b = keptLoop >= 0 ? loopBudget : budget;
        int limit = b + Math.max(0, reserve() - b / 2);
        // Never past what C2 compiles, or the chunk would run in the JVM's bytecode interpreter.
        return b <= C2_LIMIT ? Math.min(limit, C2_LIMIT) : limit;
    }

    /**
     * Whether the loop at {@code moduleOffset}, just opened (the last of {@code t.controls}), should start
     * the next chunk. A loop measured to fit the loop budget is kept whole: here if it fits in what is left of this
     * chunk at that budget, else in a fresh chunk; the loop budget then applies until the loop's end. Other loops go
     * by {@link #betterInFreshChunk}. The scratch pass starts every outermost loop in a fresh chunk, so it measures
     * each as the real pass would place it.
     */
    boolean loopStartsChunk(int moduleOffset) {
        if (measuring != null) {
            return outermostLoop();
        }
        if (keptLoop >= 0) {
            // Inside a loop kept whole: it was measured with everything it holds.
            return false;
        }
        int fresh = keepsLoops() ? whole.freshSize(moduleOffset) : 0;
        if (fresh == 0 || fresh + 96 > loopBudget) {
            return betterInFreshChunk(moduleOffset);
        }
        keptLoop = moduleOffset;
        java.util.BitSet added = loopSlots(moduleOffset);
        added.andNot(t.e.used);
        int movesHere = (t.chunk == 0 ? 3 : 2) * MOVE_BYTES * added.cardinality();
        int code = fresh - freshEpilogue(moduleOffset);
        boolean fitsHere = t.e.mv.bytes + reserve() + movesHere + Math.max(code, 0) + 96 <= limit()
                && t.e.mv.memoryCallBytes <= memoryAllowance();
        if (fitsHere) {
            t.e.memoryCallBytes = Math.min(t.e.memoryCallBytes, memoryAllowance());
        }
        return !fitsHere;
    }

    /** Whether the loop just added to the translator's controls is inside no other live loop. */
    private boolean outermostLoop() {
        for (int i = t.controls.size() - 2; i >= 0; i--) {
            if (t.controls.get(i).kind == Control.LOOP && !t.controls.get(i).dead) {
                return false;
            }
        }
        return true;
    }

    /** The loop at {@code moduleOffset} has opened in the current chunk (after any cut {@link #loopStartsChunk} asked for). */
    void loopOpened(int moduleOffset, boolean freshChunk) {
        if (liveChunkNext) {
            // The chunk holding the loop (just cut, or empty anyway) is sized as the decision assumed.
            liveChunk = freshChunk;
            liveChunkNext = false;
        }
        if (measuring != null) {
            measuring.opened(moduleOffset, t.chunk, t.e.mv.bytes);
            measuredFresh.put(moduleOffset, freshChunk);
        }
    }

    /** The loop at {@code moduleOffset} has ended: a kept loop gives back the smaller budget. */
    void loopClosed(int moduleOffset) {
        if (measuring != null) {
            // A loop that started its chunk: the chunk so far plus its epilogue; another: its code plus an estimate.
            boolean fresh = Boolean.TRUE.equals(measuredFresh.remove(moduleOffset));
            measuring.closed(moduleOffset, t.chunk, t.e.mv.bytes, fresh ? reserve() : freshEpilogue(moduleOffset),
                    fresh);
        }
        if (keptLoop == moduleOffset) {
            keptLoop = -1;
        }
    }

    /** Estimate of what a chunk holding only the loop at {@code moduleOffset} adds to its code. */
    private int freshEpilogue(int moduleOffset) {
        return 64 + t.sites.chunkHandlerBytes() + 2 * MOVE_BYTES * loopSlots(moduleOffset).cardinality();
    }

    /** Upper bound of the bytes the chunk's epilogue will need, given what the chunk holds so far. */
    int reserve() {
        int open = t.controls.size();
        // Fills at the entries, spills at the exits, and in chunk 0 the locals' initial values (no bigger than a fill).
        return 64 + fillReserve() + t.e.slotMoveBytes + 8 * t.chunkEntries.size()
                + openBytes() * open + t.sites.chunkHandlerBytes() + t.e.high.reserve() + PendingValues.FLUSH_BYTES
                + t.gcPoints.reserve() + t.pollExits.reserve(t.chunkMaxHeight)
                + t.sites.stubReserve(t.chunkMaxHeight);
    }

    /**
     * The prologue's fills, and chunk 0's start. Chunk 0 with no entry yet fills every used slot at its (unreached)
     * resume: liveness knows no entry to spare any.
     */
    private int fillReserve() {
        Emit e = t.e;
        if (e.fullFills == null || !liveChunk) {
            return (t.chunk == 0 ? 2 : 1) * e.slotMoveBytes;
        }
        return t.chunk != 0 ? e.fillBytes : e.startBytes + (t.chunkEntries.isEmpty() ? e.slotMoveBytes : e.fillBytes);
    }

    /**
     * What an open block, loop or if may add when the chunk ends: an exit for its label and one for an if's else, each
     * the entry id's constant and a jump to the spill block (at most 3 + 3 bytes). The older, looser 32 bytes each cut
     * an interpreter loop's header (a hundred empty blocks) away from its {@code br_table}: a crossing per
     * iteration.
     */
    private static int openBytes() {
        return EXACT_OPEN ? 16 : 32;
    }

    /**
     * Whether the loop at {@code moduleOffset} should start the next chunk: it would not fit in what is left of this
     * one, but would fit in an empty one. Its code is estimated from its Wasm length at the rate this function has
     * translated so far, and its epilogue from the slots it touches: here only those this chunk does not use yet add
     * to it, in a fresh chunk all of them do.
     */
    boolean betterInFreshChunk(int moduleOffset) {
        int wasm = loops.length(moduleOffset);
        if (wasm == 0) {
            return false;
        }
        int done = moduleOffset - firstOffset;
        double rate = done < 64 ? 8.0 : Math.max(2.0, (double) (finishedCodeBytes + t.e.mv.bytes) / done);
        // Each instruction is checked against its worst case (up to 96 bytes): room for that on top of the loop's own
        // code.
        long code = (long) (wasm * rate * 1.25) + 160;
        java.util.BitSet slots = loopSlots(moduleOffset);
        java.util.BitSet added = (java.util.BitSet) slots.clone();
        added.andNot(t.e.used);
        java.util.BitSet fullFresh = t.e.fullFills == null ? null
                : LiveFills.fullFills(t.liveness, EntryIds.of(moduleOffset, EntryIds.AT));
        // A spill each, and a fill or a constant at the entries (chunk 0's start too), as the reserve counts them.
        int movesHere = liveChunk && t.e.fullFills != null
                ? MOVE_BYTES * added.cardinality() + fills(added, t.e.fullFills) + (t.chunk == 0 ? fills(added, null) : 0)
                : (t.chunk == 0 ? 3 : 2) * MOVE_BYTES * added.cardinality();
        boolean fitsHere = t.e.mv.bytes + reserve() + movesHere + code <= limit();
        if (fitsHere) {
            return false;
        }
        int fresh = 64 + t.sites.chunkHandlerBytes() + 2 * MOVE_BYTES * slots.cardinality();
        if (code + fresh < limit() * 3L / 4) {
            return true;
        }
        if (fullFresh == null) {
            return false;
        }
        // Too big for the older estimate: a fresh chunk counting its dead locals' fills as constants may still hold it.
        int liveFresh = 64 + t.sites.chunkHandlerBytes() + MOVE_BYTES * slots.cardinality() + fills(slots, fullFresh);
        liveChunkNext = code + liveFresh < limit();
        return liveChunkNext;
    }

    /**
     * Whether this chunk's reserve counts dead locals' fills as constants ({@link LiveFills}): only a chunk started for
     * a loop that only that estimate fits, so every other chunk is cut as before.
     */
    boolean liveChunk;
    /** The loop being opened asked for a fresh chunk under {@link LiveFills}' estimate. */
    private boolean liveChunkNext;

    /** Estimated fills of {@code slots} at a chunk's entries: loads for those in {@code full} and operands. */
    private int fills(java.util.BitSet slots, java.util.BitSet full) {
        int bytes = 0;
        for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
            boolean load = i >= t.nLocals || (full == null ? i < t.type.paramCount() : full.get(i));
            bytes += load ? MOVE_BYTES : LiveFills.zeroBytes(0);
        }
        return bytes;
    }

    private java.util.BitSet loopSlots(int moduleOffset) {
        java.util.BitSet slots = loops.locals(moduleOffset);
        slots = slots == null ? new java.util.BitSet() : (java.util.BitSet) slots.clone();
        int height = loops.height(moduleOffset);
        if (height > 0) {
            slots.set(t.opSlot(0), t.opSlot(height));
        }
        return slots;
    }

    /**
     * The most a chunk spends on a loop header's copy ({@link HeaderCopy}): a quarter of the budget, so bodies keep
     * most of it; a small budget (tests) still takes small copies.
     */
    int copyAllowance() {
        return Math.max(budget / 4, 256);
    }

    /**
     * The most a chunk inside a dispatch loop spends on copies when a header copy with its loop's tails takes
     * {@code whole} bytes: that much if it is more than {@link #copyAllowance()} and at most half the budget
     * ({@link #wholeCopies}), so every case chunk dispatches and returns to the header in place. At a quarter,
     * {@code bigvm}'s header copy (1,466 bytes) fitted but its tail (1,128) did not: its cases still left for the
     * tail's chunk, 2.06 crossings a step instead of ~1 (benchmarks/RESULTS.md, session 28).
     */
    int copyAllowance(int whole) {
        int quarter = copyAllowance();
        return whole > quarter && wholeCopies() ? Math.max(quarter, Math.min(whole, budget / 2)) : quarter;
    }

    /**
     * {@code -Dtrapdoor.jit.wholeCopies=false}: a chunk's copies keep to a quarter of the budget even when a header
     * copy and its tails need more (it matters only with header copies on). Read at each chunk that could copy.
     */
    static boolean wholeCopies() {
        return !"false".equals(System.getProperty("trapdoor.jit.wholeCopies"));
    }

    int worstCase(int op, FunctionValidator v) {
        if (GcEmitter.isGc(op)) {
            return GcEmitter.worstCase(t, op, v) + t.gcPoints.safepointBytes();
        }
        return (op == 0x10 || op == 0x11 || op == 0x14 ? t.gcPoints.safepointBytes() : t.gcPoints.blockGrowth()) + switch (op) {
            case 0x10, 0x11, 0x14 -> {
                FuncType ft = op == 0x10 ? t.module.functionType(v.immA) : t.module.types().get(v.immA);
                // The call, its argument and result moves, and the poll after it with its exit (16).
                yield 76 + 12 * (ft.paramCount() + ft.resultCount());
            }
            case 0x0C, 0x0D, 0xD5, 0xD6 -> 48 + 12 * Math.max(v.frame(v.immA).branchArity(), v.resultCount());
            case 0x0E -> brTableWorstCase(v);
            case 0x0F -> 40 + 12 * v.resultCount();
            case 0x12, 0x13, 0x15 -> t.tails.worstCase(op, v);
            default -> 96;
        };
    }

    /**
     * A {@code tableswitch} and one stub per target: a jump with the carried values' copies, and for the function's
     * own label (at most one distinct stub) a return, which reloads the value stack and stores the results.
     */
    private int brTableWorstCase(FunctionValidator v) {
        int m = Math.min(v.brCount, FunctionTranslator.DIRECT_BR_TABLE);
        int arity = Math.max(v.frame(v.brTargets[v.brCount]).branchArity(), v.resultCount());
        if (!EXACT_OPEN) {
            return 60 + 4 * m + (m + 1) * (24 + 12 * arity);
        }
        // A carried value's copy is two wide moves, a v128's high half two more.
        int values = 16 * arity;
        return 60 + 4 * m + (m + 1) * (4 + values) + 24 + values;
    }
}
