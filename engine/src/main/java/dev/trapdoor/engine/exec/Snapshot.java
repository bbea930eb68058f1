package dev.trapdoor.engine.exec;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The program's state before the instruction at {@link #position} of a {@link Recording}: memories, globals,
 * tables, dropped segments, the value stack up to the running frame's end and the frame stack, with the
 * recording's own bookkeeping (log cursor, where each frame was entered).
 *
 * <p>Memory is kept as page deltas: a 64 KiB page equal to the previous snapshot's same page shares that page's
 * array, so a snapshot costs the pages written since the one before (found by one vectorized compare per page)
 * plus its stack. {@link #ownBytes} is what dropping the snapshot adds to the one before it.
 */
final class Snapshot {
    static final int PAGE = MemoryInstance.PAGE_SIZE;

    /** Not final: {@link #moveToExact} moves them when the running frame was in optimized code. */
    long position;
    final FunctionInstance fn;
    int pc;
    final int fp;
    final int depth;
    final int logCursor;
    final long[] entryPositions;
    private final FunctionInstance[] frameFn;
    private final int[] frameFp;
    private final int[] framePc;
    private final long[] stack;
    private final long[] high;
    private final MemoryInstance[] memories;
    private final int[] memorySizes;
    final byte[][][] pages;
    private final GlobalInstance[] globals;
    private final long[] globalValues;
    private final long[] globalHigh;
    private final TableInstance[] tables;
    private final long[][] tableElements;
    private final Instance instance;
    private final boolean[] droppedData;
    private final long[][] elements;

    private final java.util.function.Function<FunctionInstance, CompiledFunction> mover;

    private Snapshot(Interpreter in, Instance instance, FunctionInstance fn, int pc, int fp, long position,
                     int logCursor, long[] entryPositions, Snapshot previous, byte[][] scratch,
                     java.util.function.Function<FunctionInstance, CompiledFunction> mover) {
        this.mover = mover;
        this.position = position;
        this.fn = fn;
        this.pc = pc;
        this.fp = fp;
        this.depth = in.depth;
        this.logCursor = logCursor;
        this.entryPositions = entryPositions;
        this.frameFn = Arrays.copyOf(in.frameFn, depth);
        this.frameFp = Arrays.copyOf(in.frameFp, depth);
        this.framePc = Arrays.copyOf(in.framePc, depth);
        CompiledFunction exact = exactOf(fn);
        int top = Math.min(in.stack.length, fp + Math.max(fn.code.frameSize, exact != null ? exact.frameSize : 0));
        this.stack = Arrays.copyOf(in.stack, top);
        this.high = Arrays.copyOf(in.hi, Math.min(in.hi.length, top));
        this.instance = instance;
        this.memories = instance.memories.clone();
        this.memorySizes = new int[memories.length];
        this.pages = new byte[memories.length][][];
        for (int m = 0; m < memories.length; m++) {
            memorySizes[m] = memories[m].size;
            byte[][] before = previous == null || m >= previous.pages.length ? null : previous.pages[m];
            pages[m] = pagesOf(memories[m], before, scratch);
        }
        this.globals = instance.globals.clone();
        this.globalValues = new long[globals.length];
        this.globalHigh = new long[globals.length];
        for (int g = 0; g < globals.length; g++) {
            globalValues[g] = globals[g].value;
            globalHigh[g] = globals[g].hi;
        }
        this.tables = instance.tables.clone();
        this.tableElements = new long[tables.length][];
        for (int t = 0; t < tables.length; t++) {
            long[] now = tables[t].elements;
            long[] before = previous == null || t >= previous.tableElements.length ? null : previous.tableElements[t];
            tableElements[t] = before != null && Arrays.equals(before, now) ? before : now.clone();
        }
        this.droppedData = instance.droppedData == null ? null : instance.droppedData.clone();
        this.elements = instance.elements == null ? null : instance.elements.clone();
    }

    static Snapshot take(Interpreter in, Instance instance, FunctionInstance fn, int pc, int fp, long position,
                         int logCursor, long[] entryPositions, Snapshot previous, byte[][] scratch,
                         java.util.function.Function<FunctionInstance, CompiledFunction> mover) {
        return new Snapshot(in, instance, fn, pc, fp, position, logCursor, entryPositions, previous, scratch, mover);
    }

    /** The exact code fn's frames move to when a snapshot is taken in its optimized code, or null. */
    private CompiledFunction exactOf(FunctionInstance f) {
        return mover == null ? null : mover.apply(f);
    }

    /**
     * Moves the frames that run optimized code to their functions' exact code (replays run only exact code), as
     * {@link Retranslations} moves frames for a breakpoint; the running frame's position goes forward by
     * {@code skipped}, the exact instructions before the one its optimized instruction start stands for. False when
     * a frame is at a pc that cannot move: then the snapshot is not kept.
     */
    boolean moveToExact(int skipped) {
        for (int d = 0; d < depth; d++) {
            CompiledFunction to = exactOf(frameFn[d]);
            if (to == null) {
                continue;
            }
            CompiledFunction from = frameFn[d].code;
            int saved = framePc[d];
            int resume = Interpreter.resumePc(saved);
            int moved = FrameMove.mapResume(from, to, resume);
            if (moved < 0) {
                return false;
            }
            FrameMove.materializeResume(from, resume, stack, frameFp[d]);
            framePc[d] = saved < 0 ? -moved - 1 : moved;
        }
        CompiledFunction to = exactOf(fn);
        if (to != null) {
            int moved = FrameMove.map(fn.code, to, pc);
            if (moved < 0) {
                return false;
            }
            FrameMove.materialize(fn.code, pc, stack, fp);
            pc = moved;
            position += skipped;
        }
        return true;
    }

    /**
     * The pages of m, sharing those equal to before's. {@code scratch[0]} is the page a compare reads into, kept
     * from one snapshot to the next: a snapshot that changed nothing allocates nothing (a fresh 64 KiB array is
     * zeroed first, and its memory often touched for the first time, which cost more than the compare).
     */
    private static byte[][] pagesOf(MemoryInstance m, byte[][] before, byte[][] scratch) {
        int count = m.size / PAGE;
        byte[][] out = new byte[count][];
        byte[] page = scratch[0] != null ? scratch[0] : new byte[PAGE];
        for (int p = 0; p < count; p++) {
            m.read((long) p * PAGE, page, 0, PAGE);
            if (before != null && p < before.length && Arrays.equals(before[p], page)) {
                out[p] = before[p];
            } else {
                out[p] = page;
                page = new byte[PAGE];
            }
        }
        scratch[0] = page;
        return out;
    }

    /** Puts the program back into this state; returns the frame pointer of the frame that runs on at {@link #pc}. */
    int restore(Interpreter in) {
        for (int m = 0; m < memories.length; m++) {
            MemoryInstance mem = memories[m];
            int size = memorySizes[m];
            // Bytes past the size need no clearing: a later grow zeroes what it takes.
            mem.restoreSize(size);
            byte[][] ps = pages[m];
            for (int p = 0; p < ps.length; p++) {
                RawMemory.fromArray(ps[p], 0, mem.base, p * PAGE, PAGE);
            }
        }
        for (int g = 0; g < globals.length; g++) {
            globals[g].value = globalValues[g];
            globals[g].hi = globalHigh[g];
        }
        for (int t = 0; t < tables.length; t++) {
            tables[t].elements = tableElements[t].clone();
        }
        if (droppedData != null) {
            System.arraycopy(droppedData, 0, instance.droppedData, 0, droppedData.length);
        }
        if (elements != null) {
            System.arraycopy(elements, 0, instance.elements, 0, elements.length);
        }
        in.ensureStack(stack.length);
        System.arraycopy(stack, 0, in.stack, 0, stack.length);
        System.arraycopy(high, 0, in.hi, 0, high.length);
        for (int d = 0; d < depth; d++) {
            in.pushFrameAt(d, frameFn[d], frameFp[d], framePc[d]);
        }
        in.depth = depth;
        in.fn = fn;
        in.inst = fn.instance;
        return fp;
    }

    /**
     * Bytes this snapshot adds to {@code before}, the one kept before it: pages are shared only along runs of
     * consecutive snapshots, so the sum over the list is what all of them hold.
     */
    long ownBytes(Snapshot before) {
        long n = 16L * stack.length + 16L * depth + 256;
        for (long[] t : tableElements) {
            n += 8L * t.length;
        }
        Map<byte[], Boolean> shared = new IdentityHashMap<>();
        for (Snapshot s : new Snapshot[] {before}) {
            if (s != null) {
                for (byte[][] ps : s.pages) {
                    for (byte[] p : ps) {
                        shared.put(p, Boolean.TRUE);
                    }
                }
            }
        }
        for (byte[][] ps : pages) {
            for (byte[] p : ps) {
                if (!shared.containsKey(p)) {
                    n += PAGE;
                }
            }
        }
        return n;
    }
}
