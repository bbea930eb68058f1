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
    private long candidate;
    private boolean candidateIsBreakpoint;
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
        candidate = -1;
        Recording.StopTest test = recording.stopTest();
        if (test != null && mode == Mode.CONTINUE) {
            test.begin();
        }
        return new Rewind(start);
    }

    void visit(FunctionInstance fn, int pc, int atDepth, long p) {
        if (p >= end) {
            throw finish();
        }
        if (mode == Mode.CONTINUE) {
            boolean bp = fn.code.hasBreakpoint(pc);
            Recording.StopTest test = recording.stopTest();
            if (test != null && test.stopsAt(fn.funcIndex, fn.code.moduleOffset(pc)) || bp) {
                candidate = p;
                candidateIsBreakpoint = bp;
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
            if (candidate >= 0) {
                return recording.landAt(candidate, candidateIsBreakpoint);
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
