package dev.trapdoor.engine.exec;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * What one compiled function's code reaches at run time: its hidden class holds this as class data in a static final
 * field, so C2 treats everything read through it (the interpreter, memory, globals) as a constant.
 */
final class JitContext {
    final Interpreter in;
    final Instance inst;
    final FunctionInstance fn;
    final MemoryInstance mem0;
    final GlobalInstance[] globals;
    final int frameSize;
    /** The store adapts call_indirect to callees of another type ({@link CastEmulation}). */
    final boolean emulateCasts;
    /**
     * Declared locals to set in the value stack on entry, ascending ({@code compile.EntryZeroes}): a chunk reads only
     * the slots it uses, so the chunks after the first find there the locals the first did not set, and so does the
     * interpreter when a throw moves a frame with handlers there. Empty for a function of one chunk without a
     * {@code try}.
     */
    final int[] zeroSlots;
    /** Declared reference locals among {@link #zeroSlots}, which start null rather than 0 (null when there are none). */
    final int[] refLocals;
    final int[] siteOffsets;
    final int[] siteOps;
    final long[] siteMemOffset;
    final int[] entryIds;
    final int[] entryChunks;
    /** Index → distinct-target maps of the big br_tables ({@link JitRt#brTarget}). */
    int[][] brTables;
    /** Sites from this number on are the typed entry's, whose frame the interpreter's {@code jitDepth} omits. */
    int typedSitesFrom = Integer.MAX_VALUE;
    /**
     * Chunk crossings move only live locals ({@code compile.Liveness}), or trap handlers store no pending values
     * ({@code compile.Sites#bareEnabled}): a debugger drops such code. Set before the code is published.
     */
    boolean liveOnly;
    /**
     * The typed entry has bare call sites ({@link BareCalls}): a debugger that attaches swaps it for one compiled
     * with full handlers ({@link BareSwap}). Set before the code is published.
     */
    boolean bareTyped;
    /**
     * What a trap handler of this function throws on, kept here while the handler copies the frame for a waiting
     * debugger: the copy shares the chunk's spill code, whose merge point can hold no reference of its own. A store
     * runs on one thread, and nothing runs between the handler and its throw.
     */
    Throwable pendingTrap;
    /** The frame pointer of the frame whose handler set {@link #pendingTrap} (its FP local then points at the copy). */
    int pendingFp;
    /** The chunk methods, {@code (int fp, int entry) -> next entry}, set once the class is defined. */
    MethodHandle[] chunks;
    /**
     * The class's own chunk loop {@code run(int fp, int entry)}, which calls the chunks directly, or null when the
     * function has one chunk or its chunks span several classes. On-stack replacement and typed entries' exits use it:
     * an OSR-entered function (a C interpreter's dispatch loop, entered once) would otherwise cross its chunks through
     * method handles for the rest of the run.
     */
    MethodHandle runLoop;

    JitContext(FunctionInstance fn, int frameSize, int[] zeroSlots, int[] siteOffsets, int[] siteOps,
               long[] siteMemOffset, int[] entryIds, int[] entryChunks) {
        this.zeroSlots = zeroSlots;
        int params = fn.type.paramCount();
        dev.trapdoor.engine.model.ValType[] declared = fn.instance.module.body(fn.funcIndex).locals();
        int[] refs = Arrays.stream(zeroSlots).filter(x -> declared[x - params].isRef()).toArray();
        this.refLocals = refs.length == 0 ? null : refs;
        this.in = fn.store.interpreter();
        this.inst = fn.instance;
        this.fn = fn;
        this.mem0 = fn.instance.memory0;
        this.globals = fn.instance.globals;
        this.frameSize = frameSize;
        this.emulateCasts = fn.store.config.emulateFunctionPointerCasts();
        this.siteOffsets = siteOffsets;
        this.siteOps = siteOps;
        this.siteMemOffset = siteMemOffset;
        this.entryIds = entryIds;
        this.entryChunks = entryChunks;
    }

    /**
     * Number → entry id when chunks hand each other dense numbers ({@code compile.DenseEntries}), else null; and
     * number → chunk for the numbers of entries.
     */
    int[] denseIds;
    int[] denseChunks;

    /** The entry id a chunk's exit value stands for (the pc the interpreter and deoptimization need). */
    int idOf(int exit) {
        return denseIds == null || exit <= 0 || exit >= denseIds.length ? exit : denseIds[exit];
    }

    /** What a chunk takes for entry id {@code id} (on-stack replacement starts from an id). */
    int exitOf(int id) {
        if (denseIds != null && id > 0) {
            for (int n = 1; n < denseIds.length; n++) {
                if (denseIds[n] == id) {
                    return n;
                }
            }
        }
        return id;
    }

    boolean hasEntry(int id) {
        return Arrays.binarySearch(entryIds, id) >= 0;
    }

    /** The chunk that accepts entry id {@code id}, or -1 when none does (an after-call exit, see JitRt#stray). */
    int chunkOf(int id) {
        if (denseChunks != null) {
            return id > 0 && id < denseChunks.length ? denseChunks[id] : -1;
        }
        int i = Arrays.binarySearch(entryIds, id);
        return i < 0 ? -1 : entryChunks[i];
    }
}
