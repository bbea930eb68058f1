package dev.trapdoor.engine.exec;

/**
 * Finds where a line step back or a reverse continue lands by replaying the windows between snapshots, latest
 * first, then throws the {@link Rewind} that lands there. Replaying is the only way to see the past: a window
 * {@code [snapshot j, end)} is run again and every instruction is shown to {@link #visit}.
 *
 * <p>A line step back lands on the latest start of a line run before the current position, among the
 * instructions of the current frame and its callers (calls made from them are run through): a run is a sequence of
 * such instructions with the same frame depth and line. Stopped inside a line, that is the line's start; stopped
 * at a line's start, the previous line's. When the latest start found is a window's first instruction, the run may
 * have begun earlier: the window before is replayed to see whether it ends on the same line.
 *
 * <p>A reverse continue lands on the latest instruction before the current position that has a breakpoint or that
 * the recording's {@link Recording.StopTest} accepts; with none, at the start of the recording.
 */
final class ReverseScan {
    enum Mode { LINE, CONTINUE }

    private final Recording recording;
    private final Mode mode;
    /** The position the step back started at. */
    final long from;
    private final int depth;
    private int window;
    private long end;
    // Per window.
    private boolean anyConsidered;
    private long firstPos;
    private long firstKey;
    private int firstDepth;
    private long lastStart;
    private long prevKey;
    private int prevDepth;
    /** A reverse continue's candidates in this window, in order: position, and -1 (breakpoint) or stop index. */
    private long[] candidates = new long[16];
    private int candidateCount;
    private int stopIndex;
    // A run start at a later window's beginning, not yet known to be one.
    private long pendingPos = -1;
    private long pendingKey;
    private int pendingDepth;

    ReverseScan(Recording recording, Mode mode, long from, int depth) {
        this.recording = recording;
        this.mode = mode;
        this.from = from;
        this.depth = depth;
    }

    /** Replays the first window: from snapshot {@code j} up to the position the step back started at. */
    Rewind window(int j) {
        end = from;
        window = j;
        return begin(recording.snapshot(j));
    }

    private Rewind begin(Snapshot start) {
        anyConsidered = false;
        lastStart = -1;
        candidateCount = 0;
        stopIndex = 0;
        Recording.StopTest test = recording.stopTest();
        if (test != null && mode == Mode.CONTINUE) {
            test.begin();
        }
        return new Rewind(start);
    }

    /**
     * Up to which position the replay may run a block at a time: a reverse continue without extra stops looks only
     * at breakpoints, which have their {@code BREAK} in the record code too; a line step and extra stops (data
     * breakpoints) look at every instruction.
     */
    long blocksUntil() {
        return mode == Mode.CONTINUE && recording.stopTest() == null ? end : -1;
    }

    void visit(FunctionInstance fn, int pc, int fp, int atDepth, long p) {
        if (p >= end) {
            throw finish();
        }
        if (mode == Mode.CONTINUE) {
            boolean bp = fn.code.hasBreakpoint(pc);
            Recording.StopTest test = recording.stopTest();
            // The test sees every instruction (its watches compare with the one before), breakpoint or not.
            boolean stop = test != null && test.stopsAt(fn.funcIndex, fn.code.moduleOffset(pc),
                    () -> recording.framesAt(fn, pc, fp));
            if (bp || stop) {
                if (2 * candidateCount + 2 > candidates.length) {
                    candidates = java.util.Arrays.copyOf(candidates, 2 * candidates.length);
                }
                candidates[2 * candidateCount] = p;
                candidates[2 * candidateCount + 1] = bp ? -1 : stopIndex;
                candidateCount++;
            }
            if (stop) {
                stopIndex++;
            }
            return;
        }
        if (atDepth > depth) {
            return;
        }
        long key = recording.lines().lineOf(fn.funcIndex, fn.code.moduleOffset(pc));
        if (key == -1) {
            return;
        }
        if (!anyConsidered || key != prevKey || atDepth != prevDepth) {
            lastStart = p;
            if (!anyConsidered) {
                firstPos = p;
                firstKey = key;
                firstDepth = atDepth;
            }
        }
        anyConsidered = true;
        prevKey = key;
        prevDepth = atDepth;
    }

    private Rewind finish() {
        if (mode == Mode.CONTINUE) {
            Recording.StopTest test = recording.stopTest();
            for (int i = candidateCount - 1; i >= 0; i--) {
                long index = candidates[2 * i + 1];
                if (index < 0 || test == null || test.accept((int) index)) {
                    return recording.landAt(candidates[2 * i], index < 0);
                }
            }
            return window > 0 ? earlier() : recording.landAt(recording.snapshot(0).position, false);
        }
        if (pendingPos >= 0) {
            if (!anyConsidered) {
                return window > 0 ? earlier() : recording.landAt(pendingPos, false);
            }
            if (prevKey != pendingKey || prevDepth != pendingDepth) {
                return recording.landAt(pendingPos, false);
            }
        }
        if (lastStart >= 0) {
            if (lastStart == firstPos && window > 0) {
                pendingPos = firstPos;
                pendingKey = firstKey;
                pendingDepth = firstDepth;
                return earlier();
            }
            return recording.landAt(lastStart, false);
        }
        if (window > 0) {
            return earlier();
        }
        return recording.landAt(pendingPos >= 0 ? pendingPos : recording.snapshot(0).position, false);
    }

    /** Replays the window before the current one, up to where the current one starts. */
    private Rewind earlier() {
        end = recording.snapshot(window).position;
        window--;
        return begin(recording.snapshot(window));
    }
}
