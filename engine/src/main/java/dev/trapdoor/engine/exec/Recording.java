package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;

import java.util.ArrayList;
import java.util.List;

/**
 * Record and replay of one invocation, for going back in time ({@link Resume.Kind#STEP_BACK},
 * {@link Resume.Kind#STEP_BACK_INSTRUCTION}, {@link Resume.Kind#REVERSE_CONTINUE}, and {@code restartFrame} with
 * memory and globals rolled back). Made by {@code Debugger.record} before the program starts.
 *
 * <p>A position is the number of instructions executed before an instruction. Running live, frames run the record
 * code of {@link BlockCounts}: the start of each straight-line block adds the whole block inside the dispatch loop,
 * which leaves for {@link #count} (through the debugger's {@code BREAK} hook) only where the recording must act
 * ({@link #limit}); replays run the step code, one count per instruction, where they must
 * see every instruction ({@link #code}). Nothing is counted and nothing costs anything without a recording. The code
 * is the exact translation (no retranslation can change the counts later). Every {@link #interval} instructions the state is
 * saved in a {@link Snapshot}; host calls are logged in the {@link InputLog}. Going back restores the nearest
 * snapshot at or before the target and replays forward, host calls served from the log, until the counter reaches
 * the target ({@link ReverseScan} finds the target of a line step or a reverse continue by replaying the windows
 * between snapshots first).
 *
 * <p>Memory budget: when the snapshots hold more than the budget, every other one (never the first or the last) is
 * dropped and the interval doubles, so a long run keeps snapshots spread over all of it.
 *
 * <p>Only the outermost invocation is recorded and rewound: a stop inside a host function's call back into Wasm
 * cannot go back. GC objects and exception references are not in snapshots: a module that declares them is refused
 * ({@link RecordingLimits}).
 */
public final class Recording {
    public static final long DEFAULT_INTERVAL = 1_000_000;
    public static final long DEFAULT_BUDGET_BYTES = 256L << 20;

    /** A source line key for an instruction ({@code -1}: no line): what a line step back compares. */
    @FunctionalInterface
    public interface Lines {
        long lineOf(int funcIndex, int moduleOffset);
    }

    /**
     * An extra stop of a reverse continue, such as a data breakpoint: {@link #begin} starts a replayed window,
     * then {@link #stopsAt} is asked before each of its instructions.
     */
    public interface StopTest {
        void begin();

        /**
         * Whether the instruction about to run at {@code moduleOffset} is a candidate stop (a watched value changed,
         * or the previous instruction read it, and the condition holds there). {@code frames} gives the frames
         * there, made on demand and valid during this call only.
         */
        boolean stopsAt(int funcIndex, int moduleOffset, java.util.function.Supplier<List<DebugFrame>> frames);

        /**
         * After the window's replay, its candidates latest first: whether the candidate that was the window's
         * {@code index}-th (from 0) stops. A hit count counts here, in the order going back meets the candidates.
         */
        default boolean accept(int index) {
            return true;
        }
    }

    private final Interpreter interp;
    private final Instance instance;
    private final long budgetBytes;
    private long interval;
    final InputLog log = new InputLog();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<Long> ownBytes = new ArrayList<>();
    private long heldBytes;
    /**
     * The position after the block of the last counted instruction: counting is a block at a time (see
     * {@link BlockCounts}), so the instructions after the last counted one in its block are counted already.
     */
    private long pos;
    /** The position of the last counted instruction. */
    private long lastP = -1;
    /** The first pc of the last counted instruction's block, and the blocks it is in. */
    private int lastBlockStart = -1;
    private BlockCounts lastBlocks;
    /** A branch's arrival at a block start whose count it takes less of ({@link #arrived}), or null. */
    private BlockCounts arrivalBlocks;
    private int arrivalPc;
    /**
     * The exact translation of each function that runs its optimized code ({@link #adopt}): snapshots hold frames in
     * it, and going back moves every function to it.
     */
    private final java.util.Map<FunctionInstance, CompiledFunction> exactOf = new java.util.IdentityHashMap<>();
    /** Whether a rewind happened: from then on every function runs its exact code, those translated later too. */
    private boolean rewound;
    /** Counts every instruction on the step code instead of blocks (tests compare both). */
    private boolean everyInstruction;
    /** Leaves the dispatch loop at every block start, as before blocks were counted in it (tests compare both). */
    private boolean blocksAtHooks;
    /** Positions below this have been run: a snapshot there exists already or is not needed. */
    private long horizon;
    private long lastSnapshot = Long.MIN_VALUE / 2;
    private boolean forceSnapshot;
    private int lastDepth = -1;
    private FunctionInstance lastFn;
    private int lastPc = -1;
    private long[] entryPositions = new long[64];
    /** The position a rewind lands at, or -1. */
    private long landAt = -1;
    private boolean landOnBreakpoint;
    private ReverseScan scan;
    /**
     * The last snapshot of the invocation before, dropped: the next snapshot shares its unchanged pages instead of
     * copying them (a program called again and again rewrites few of its pages between calls).
     */
    private Snapshot shareBase;
    /** The page a snapshot compares memory in, reused while pages are equal ({@link Snapshot}). */
    private final byte[][] scratchPage = new byte[1][];
    private volatile Lines lines = (f, o) -> o;
    private volatile StopTest stopTest;

    Recording(Interpreter interp, Instance instance, long interval, long budgetBytes) {
        if (interval <= 0 || budgetBytes <= 0) {
            throw new IllegalArgumentException("a recording needs a positive interval and budget");
        }
        this.interp = interp;
        this.instance = instance;
        this.interval = interval;
        this.budgetBytes = budgetBytes;
        relimit();
    }

    /** Sets the line keys a line step back compares (by default each instruction is its own line). */
    public void lines(Lines l) {
        this.lines = l;
    }

    /** Sets (or with null removes) the extra stops of a reverse continue. */
    public void stopTest(StopTest t) {
        this.stopTest = t;
    }

    /**
     * Instructions executed so far on the current timeline up to the last counted one (at a stop on an instruction:
     * the position of the next one).
     */
    public synchronized long position() {
        long now = limit - interp.blockBudget;
        // Blocks the dispatch loop counted since the last hook: the last of them ended at `now`.
        return now != pos ? now : lastP + 1;
    }

    /** Counts every instruction on the step code, as before block counting: for tests that compare both. */
    synchronized void countEveryInstruction() {
        everyInstruction = true;
        relimit();
    }

    /** Counts every block in the hook, leaving the dispatch loop at each: for tests that compare both. */
    synchronized void countBlocksAtHooks() {
        blocksAtHooks = true;
        relimit();
    }

    /** The code a frame of cf runs while recording: one count per instruction while replaying, else per block. */
    int[] code(CompiledFunction cf) {
        // After a restore nothing is counted yet: the snapshot's instruction may be inside a block, so the step
        // code counts it. A replay runs blocks while its target (where it lands, or where a reverse continue's
        // window ends) is not inside the block counted last, then one instruction at a time up to it: a block
        // start always has its BREAK, so the target is reached exactly and nothing past it runs.
        long target = landAt >= 0 ? landAt : scan != null ? scan.blocksUntil() : Long.MAX_VALUE;
        if (everyInstruction || lastFn == null || target < pos) {
            return cf.stepCode();
        }
        // A function gets its blocks at its first count; until then it runs the step code, which counts the same.
        BlockCounts b = cf.blockCountsIfMade();
        return b != null ? b.recordCode : cf.stepCode();
    }

    public synchronized int snapshotCount() {
        return snapshots.size();
    }

    /** Bytes the snapshots hold (pages shared between snapshots counted once) plus the input log. */
    public synchronized long heldBytes() {
        return heldBytes + log.bytes();
    }

    public synchronized int loggedCalls() {
        return log.size();
    }

    /** The current snapshot interval, in instructions (it doubles as the budget thins the snapshots). */
    public synchronized long interval() {
        return interval;
    }

    /**
     * The debugger changed the program's state at this stop (a variable, memory, the next statement): the recorded
     * future no longer follows, so it is dropped and recording goes on live from here.
     */
    public synchronized void diverged() {
        // A snapshot at the stopped instruction holds the state before the change: replaying from it would not
        // give what runs now. The next instruction gets a fresh one.
        long here = Math.max(0, lastP);
        while (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).position >= here) {
            removeAt(snapshots.size() - 1);
        }
        log.truncate();
        horizon = here;
        forceSnapshot = true;
        relimit();
    }

    /**
     * A new outermost invocation starts: what was recorded of earlier ones cannot be rewound to (their frames are
     * gone from the JVM stack too), so it is dropped and the recording starts again at the next instruction.
     */
    synchronized void newInvocation() {
        caughtUp(null, -1, lastDepth, false);
        if (!snapshots.isEmpty()) {
            shareBase = snapshots.get(snapshots.size() - 1);
        }
        while (!snapshots.isEmpty()) {
            removeAt(snapshots.size() - 1);
        }
        log.clear();
        horizon = pos;
        forceSnapshot = true;
        lastDepth = -1;
        scan = null;
        landAt = -1;
        relimit();
    }

    /** The frames at an instruction a replay passes, for a {@link StopTest}. */
    List<DebugFrame> framesAt(FunctionInstance fn, int pc, int fp) {
        return interp.debug().framesAt(fn, pc, fp, false);
    }

    /** Whether the program runs a replay towards a target: nothing else stops it meanwhile. */
    boolean replaying() {
        return landAt >= 0 || scan != null;
    }

    /**
     * The instruction at pc of fn is about to run (its {@code BREAK}): counts it, takes a snapshot when one is due,
     * feeds a scan under way (which may throw a {@link Rewind}). Returns whether a rewind lands here.
     */
    boolean count(FunctionInstance fn, int pc, int fp, int depth) {
        BlockCounts b = fn.code.blockCounts(fn.instance.module().bytes());
        int left = Math.max(1, b.remaining[pc]);
        int block = b.blockStart[pc];
        // Inside a block (a breakpoint there), the loop counted the block when it passed its start.
        caughtUp(fn, pc, depth, block >= 0 && block != pc);
        // A later instruction of the block counted last is counted already; anything else starts a block.
        long p = b == lastBlocks && depth == lastDepth && pc > lastPc && block == lastBlockStart ? pos - left : pos;
        if (arrivalBlocks != null) {
            if (arrivalBlocks == b && arrivalPc == pc) {
                p -= b.arrivalSkip[pc];
            }
            arrivalBlocks = null;
        }
        pos = p + left;
        lastP = p;
        stopAtInner = false;
        lastBlockStart = block;
        lastBlocks = b;
        if (depth > lastDepth) {
            if (depth >= entryPositions.length) {
                entryPositions = java.util.Arrays.copyOf(entryPositions, Math.max(depth + 1, 2 * entryPositions.length));
            }
            entryPositions[depth] = p;
        }
        lastDepth = depth;
        lastFn = fn;
        lastPc = pc;
        if (p >= horizon) {
            horizon = p + 1;
            if ((forceSnapshot || p - lastSnapshot >= interval) && interp.entryDepth() == 0 && !interp.bridged) {
                snapshot(fn, pc, fp, p);
            }
        }
        ReverseScan s = scan;
        if (s != null) {
            s.visit(fn, pc, fp, depth, p);
        }
        boolean lands = p == landAt;
        if (lands) {
            landAt = -1;
        }
        relimit();
        return lands;
    }

    /**
     * The instructions the dispatch loop counted before it must leave for {@link #count}: counted block starts
     * ({@link BlockCounts#countOp}) take their blocks off {@link Interpreter#blockBudget} inside the loop, and leave
     * as a {@code BREAK} does at the first block that would end past it. That is the block before a snapshot is due
     * or the one a landing is in; replays that must see every block (a scan, or counting each instruction) leave at
     * every one. So snapshots and landings happen at the same counts as when every block start left the loop.
     */
    private long limit;

    /** Sets {@link #limit} from what the recording waits for, and the loop's budget up to it from {@link #pos}. */
    private void relimit() {
        long l;
        if (everyInstruction || blocksAtHooks || scan != null) {
            l = pos - 1;
        } else {
            // A snapshot is due at the first block start at or past this (see count).
            long due = forceSnapshot ? horizon : Math.max(horizon, lastSnapshot + interval);
            l = due - 1;
            if (landAt >= 0) {
                l = Math.min(l, landAt);
            }
        }
        limit = l;
        interp.blockBudget = l - pos;
    }

    /**
     * Brings the bookkeeping up to the blocks the dispatch loop counted since the last hook, when it did: the last
     * of them ended at the current count. When {@code blockRan}, the running frame ({@code fn} at {@code depth}) is
     * inside or at the end of the block that contains pc, and that block was the last counted; otherwise the frame
     * is at a block start it has not counted yet (a poll, a BREAK at a block start) and the last block is not needed.
     */
    void caughtUp(FunctionInstance fn, int pc, int depth, boolean blockRan) {
        long now = limit - interp.blockBudget;
        if (now == pos) {
            return;
        }
        pos = now;
        arrivalBlocks = null;
        stopAtInner = false;
        lastDepth = depth;
        BlockCounts b = blockRan && fn != null ? fn.code.blockCountsIfMade() : null;
        int start = b != null && pc >= 0 && pc < b.blockStart.length ? b.blockStart[pc] : -1;
        if (start >= 0) {
            lastBlocks = b;
            lastBlockStart = start;
            lastFn = fn;
            lastPc = start;
            lastP = now - Math.max(1, b.remaining[start]);
        } else {
            lastBlocks = null;
            lastBlockStart = -1;
            lastPc = -1;
            lastP = now - 1;
        }
        horizon = Math.max(horizon, lastP + 1);
    }

    /**
     * The running frame ({@code fn} at {@code depth}) polls before the call at pc, whose block has run: the callee is
     * entered at the current count.
     */
    void calling(FunctionInstance fn, int pc, int depth) {
        caughtUp(fn, pc, depth, true);
        int callee = depth + 1;
        if (callee >= entryPositions.length) {
            entryPositions = java.util.Arrays.copyOf(entryPositions, Math.max(callee + 1, 2 * entryPositions.length));
        }
        entryPositions[callee] = pos;
    }

    /**
     * A branch that polls arrived at pc of fn: when the optimized code's block start there also stands for exact
     * blocks before the one branches go to ({@link BlockCounts#arrivalSkip}), its count leaves those out.
     */
    void arrived(FunctionInstance fn, int pc, int depth) {
        caughtUp(fn, pc, depth, false);
        BlockCounts b = fn.code.blockCountsIfMade();
        if (b != null && b.arrivalSkip != null && pc < b.arrivalSkip.length && b.arrivalSkip[pc] > 0) {
            arrivalBlocks = b;
            arrivalPc = pc;
        }
    }

    /**
     * On optimized code a block's first instruction start may stand for several exact instructions, those before the
     * one its code is for having none: how many, when pc is the block start counted last (else 0).
     */
    private int innerAt(FunctionInstance fn, int pc) {
        BlockCounts b = fn.code.blockCountsIfMade();
        return b != null && b == lastBlocks && b.inner != null && b.blockStart[pc] == pc && !stopAtInner ? b.inner[pc]
                : 0;
    }

    /**
     * A breakpoint or step stops at the {@code BREAK} just counted: the position is that of the instruction the
     * stop is before, as on the exact code, where that instruction has a {@code BREAK} of its own. (A trap later in
     * the block keeps the block's start, as there.)
     */
    synchronized void stopping(FunctionInstance fn, int pc, int depth, int requestedOffset) {
        if (fn == lastFn && pc == lastPc && depth == lastDepth) {
            lastP += innerAt(fn, pc);
            stopAtInner = true;
        }
        if (requestedOffset >= 0) {
            lastP -= withoutCode(fn, pc, requestedOffset);
        }
    }

    /**
     * A breakpoint asked for the instruction at {@code requested} stops at pc of fn's optimized code, the first
     * instruction start with code at or after it: the exact instructions from the requested one up to the one pc's
     * code is for, when they are all in one exact block with it (they have no code here: their effects come with
     * pc's). The stop is before the first of them, as on the exact code, where a line breakpoint stops at the line's
     * first instruction and a line step back from there goes to the line before.
     */
    private int withoutCode(FunctionInstance fn, int pc, int requested) {
        CompiledFunction exact = exactCodeOf(fn);
        int landed = fn.code.moduleOffset(pc);
        if (exact == null || requested >= landed) {
            return 0;
        }
        BlockCounts b = exact.blockCounts(fn.instance.module().bytes());
        int landedPc = exact.pcOf(landed);
        if (landedPc < 0 || landedPc >= b.blockStart.length) {
            return 0;
        }
        int n = 0;
        int counted = -1;
        for (int m = 0; m < exact.markCount(); m++) {
            int offset = exact.markOffset(m);
            int at = exact.markPc(m);
            if (offset < requested || offset >= landed || at == landedPc) {
                continue;
            }
            if (at >= b.blockStart.length || b.blockStart[at] != b.blockStart[landedPc]) {
                return 0;
            }
            if (at != counted) {
                n++;
                counted = at;
            }
        }
        return n;
    }

    /** Whether the last count's position was moved to the instruction a stop is before ({@link #stopping}). */
    private boolean stopAtInner;

    /** Whether the last landing was a reverse continue that should report the breakpoint at its instruction. */
    boolean landedOnBreakpoint() {
        return landOnBreakpoint;
    }

    /** The position of the instruction a stop at pc of fn is before (counted already when the stop is its BREAK). */
    long here(FunctionInstance fn, int pc, int depth) {
        BlockCounts b = fn.code.blockCountsIfMade();
        if (fn == lastFn && pc == lastPc && depth == lastDepth) {
            return lastP + innerAt(fn, pc);
        }
        if (b != null && b == lastBlocks && depth == lastDepth && pc > lastPc && b.blockStart[pc] == lastBlockStart) {
            // A stop inside the block counted last (a trap): its instructions before pc ran.
            return pos - Math.max(1, b.remaining[pc]);
        }
        return pos;
    }

    /** Where the frame at {@code depth} (interpreter depth) of the current stop was entered. */
    long entryPosition(int depth) {
        return entryPositions[depth];
    }

    /** Why the current stop cannot go back, or null. */
    String whyNotBack() {
        if (interp.entryDepth() != 0 || interp.bridged) {
            return "the program is stopped inside a call from the host, which a recording cannot go back through";
        }
        if (snapshots.isEmpty()) {
            return "nothing has been recorded yet";
        }
        return null;
    }

    /** The rewind that goes back from position {@code here} (depth {@code depth}) as {@code kind} asks. */
    synchronized Rewind back(Resume.Kind kind, long here, int depth) {
        String why = whyNotBack();
        if (why != null) {
            throw new IllegalStateException("cannot go back: " + why);
        }
        return switch (kind) {
            case STEP_BACK_INSTRUCTION -> landAt(Math.max(0, here - 1), false);
            case STEP_BACK -> startScan(new ReverseScan(this, ReverseScan.Mode.LINE, here, depth));
            case REVERSE_CONTINUE -> startScan(new ReverseScan(this, ReverseScan.Mode.CONTINUE, here, depth));
            default -> throw new IllegalArgumentException(kind + " does not go back");
        };
    }

    /** The rewind that lands at position {@code target} (a restart lands where the frame was entered). */
    synchronized Rewind landAt(long target, boolean onBreakpoint) {
        // Nothing before the first snapshot can be replayed (the debugger changed the state there).
        target = Math.max(target, snapshots.get(0).position);
        scan = null;
        landAt = target;
        landOnBreakpoint = onBreakpoint;
        return new Rewind(snapshotAtOrBefore(target));
    }

    private Rewind startScan(ReverseScan s) {
        int last = snapshotIndexAtOrBefore(s.from - 1 < 0 ? 0 : s.from - 1);
        scan = s;
        landAt = -1;
        return s.window(last);
    }

    Snapshot snapshot(int index) {
        return snapshots.get(index);
    }

    int snapshotIndexAtOrBefore(long position) {
        int found = 0;
        for (int i = 0; i < snapshots.size(); i++) {
            if (snapshots.get(i).position <= position) {
                found = i;
            }
        }
        return found;
    }

    private Snapshot snapshotAtOrBefore(long position) {
        return snapshots.get(snapshotIndexAtOrBefore(position));
    }

    Lines lines() {
        return lines;
    }

    StopTest stopTest() {
        return stopTest;
    }

    /** The scan that ran is done (it threw the landing rewind, or found nothing). */
    void scanDone() {
        scan = null;
        relimit();
    }

    /**
     * The code fn runs while this recording goes on live: its optimized translation when that can be counted in the
     * exact one's units ({@link OptimizedBlocks}), else the exact translation. Called as a function is translated
     * (and for those translated before the recording started), before any frame runs it.
     */
    synchronized CompiledFunction adopt(FunctionInstance fn, CompiledFunction cf) {
        if (cf.level == TranslationLevel.EXACT) {
            return cf;
        }
        CompiledFunction exact = SharedModules.translate(fn.instance.context(), fn.funcIndex, TranslationLevel.EXACT);
        if (rewound) {
            return exact;
        }
        CompiledFunction counted = Translator.translate(fn.instance.context(), fn.funcIndex,
                TranslationLevel.OPTIMIZED, true);
        BlockCounts b = OptimizedBlocks.of(counted, exact, fn.instance.module().bytes());
        if (b == null) {
            return exact;
        }
        counted.blockCounts(b);
        exactOf.put(fn, exact);
        return counted;
    }

    /** fn's exact code when it runs its optimized code now, else null. */
    private CompiledFunction exactCodeOf(FunctionInstance fn) {
        return fn.code != null && fn.code.level == TranslationLevel.OPTIMIZED ? exactOf.get(fn) : null;
    }

    /** Whether any function runs optimized code: frames there wait for a {@code BREAK} to move to new code. */
    boolean runsOptimized() {
        return !exactOf.isEmpty();
    }

    /** A rewind to {@code s} is being carried out by the run's {@link Unwinder}: state and counters go back. */
    int restore(Snapshot s) {
        // Replays count every instruction where they must, on exact code: from the first rewind on, every function
        // runs its exact code (the snapshot's frames are in it already).
        List<FunctionInstance> moved = new ArrayList<>();
        synchronized (this) {
            for (var e : exactOf.entrySet()) {
                FunctionInstance fn = e.getKey();
                if (fn.code.level == TranslationLevel.OPTIMIZED) {
                    fn.code = e.getValue();
                    moved.add(fn);
                }
            }
            exactOf.clear();
            rewound = true;
        }
        for (FunctionInstance fn : moved) {
            // Breakpoints follow, as when the debugger retranslates a function, to the instructions they asked for:
            // stops there are where the optimized code's stopped (stopping).
            interp.debug().debugger().moveBreakpoints(fn, fn.code, true);
        }
        int fp = s.restore(interp);
        synchronized (this) {
            pos = s.position;
            lastP = s.position - 1;
            stopAtInner = false;
            lastBlockStart = -1;
            lastBlocks = null;
            arrivalBlocks = null;
            log.cursor(s.logCursor);
            entryPositions = s.entryPositions.clone();
            lastDepth = s.depth + interp.jitDepth;
            lastFn = null;
            lastPc = -1;
            relimit();
        }
        return fp;
    }

    private synchronized void snapshot(FunctionInstance fn, int pc, int fp, long p) {
        Snapshot previous = snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
        Snapshot s = Snapshot.take(interp, instance, fn, pc, fp, p, log.cursor(),
                java.util.Arrays.copyOf(entryPositions, Math.max(lastDepth + 1, 1)),
                previous != null ? previous : shareBase, scratchPage, exactOf.isEmpty() ? null : this::exactCodeOf);
        BlockCounts b = fn.code.blockCountsIfMade();
        int skipped = b != null && b.inner != null && b.blockStart[pc] == pc ? b.inner[pc] : 0;
        if (!s.moveToExact(skipped)) {
            // A frame the exact code has no place for here: the next block start tries again.
            return;
        }
        shareBase = null;
        snapshots.add(s);
        long own = s.ownBytes(previous);
        ownBytes.add(own);
        heldBytes += own;
        lastSnapshot = p;
        forceSnapshot = false;
        while (heldBytes + log.bytes() > budgetBytes && snapshots.size() > 2) {
            thin();
        }
    }

    /** Drops every other snapshot but the first and the last, and doubles the interval. */
    private void thin() {
        for (int i = snapshots.size() - 2; i >= 1; i -= 2) {
            removeAt(i);
        }
        interval *= 2;
    }

    private void removeAt(int i) {
        heldBytes -= ownBytes.get(i);
        snapshots.remove(i);
        ownBytes.remove(i);
        // The next one may now hold alone pages it shared with the removed snapshot.
        if (i < snapshots.size()) {
            long own = snapshots.get(i).ownBytes(i > 0 ? snapshots.get(i - 1) : null);
            heldBytes += own - ownBytes.get(i);
            ownBytes.set(i, own);
        }
        lastSnapshot = snapshots.isEmpty() ? Long.MIN_VALUE / 2 : snapshots.get(snapshots.size() - 1).position;
    }
}
