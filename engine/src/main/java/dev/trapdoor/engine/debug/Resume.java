package dev.trapdoor.engine.debug;

/**
 * What a {@link DebugHandler} wants next. Steps count Wasm instructions; {@link #whileInRange} is the primitive for
 * source-line steps: run while the current frame's pc stays within {@code [fromModuleOffset, toModuleOffset)}.
 */
public record Resume(Kind kind, int fromModuleOffset, int toModuleOffset) {
    public enum Kind {
        CONTINUE,
        /** Stop at the next instruction, entering calls. */
        STEP_INTO,
        /** Stop at the next instruction of this frame (or its caller), running calls through. */
        STEP_OVER,
        /** Stop in the caller, right after the call returns. */
        STEP_OUT,
        /** Run calls through while the pc stays in the range; stop when it leaves or the frame returns. */
        RANGE_OVER,
        /** Like {@link #RANGE_OVER}, but also stop at the first instruction of any function called from the range. */
        RANGE_INTO,
        /** Abandon the program: the invocation ends with {@link DebugTerminated}. */
        TERMINATE,
        /**
         * Drop the frames above frame {@link #frameIndex()} and run that frame's function again from its start, with
         * the arguments it was entered with; stops with a {@link DebugEvent.Step} at its first instruction. Only
         * where {@code Debugger.whyNotRestartable} said it can.
         */
        RESTART_FRAME,
        /**
         * Back to the start of the current source line, or of the previous one when stopped at a line's start (the
         * lines come from {@code Recording.lines}); only while a {@code Recording} runs. Stops with a
         * {@link DebugEvent.Step}.
         */
        STEP_BACK,
        /** Back one executed instruction (into a callee when the previous instruction returned from one). */
        STEP_BACK_INSTRUCTION,
        /**
         * Back to the latest earlier breakpoint (a {@link DebugEvent.BreakpointHit}) or stop of the recording's stop
         * test, else to the start of the recording.
         */
        REVERSE_CONTINUE,
        /**
         * Move the innermost frame to the instruction at module offset {@link #fromModuleOffset()} of its function
         * without running anything, and stop there with a {@link DebugEvent.Step}. Only where
         * {@code Debugger.whyNotGoto} said it can.
         */
        GOTO
    }

    public static final Resume CONTINUE = new Resume(Kind.CONTINUE, 0, 0);
    public static final Resume STEP_INTO = new Resume(Kind.STEP_INTO, 0, 0);
    public static final Resume STEP_OVER = new Resume(Kind.STEP_OVER, 0, 0);
    public static final Resume STEP_OUT = new Resume(Kind.STEP_OUT, 0, 0);
    public static final Resume TERMINATE = new Resume(Kind.TERMINATE, 0, 0);
    public static final Resume STEP_BACK = new Resume(Kind.STEP_BACK, 0, 0);
    public static final Resume STEP_BACK_INSTRUCTION = new Resume(Kind.STEP_BACK_INSTRUCTION, 0, 0);
    public static final Resume REVERSE_CONTINUE = new Resume(Kind.REVERSE_CONTINUE, 0, 0);

    /** Whether this goes back in time (needs a recording). */
    public boolean goesBack() {
        return kind == Kind.STEP_BACK || kind == Kind.STEP_BACK_INSTRUCTION || kind == Kind.REVERSE_CONTINUE;
    }

    /** Re-enter frame {@code frameIndex} (0 = innermost) of the current stop: see {@link Kind#RESTART_FRAME}. */
    public static Resume restartFrame(int frameIndex) {
        return new Resume(Kind.RESTART_FRAME, frameIndex, 0);
    }

    /** Set next statement: see {@link Kind#GOTO}. */
    public static Resume gotoOffset(int moduleOffset) {
        return new Resume(Kind.GOTO, moduleOffset, 0);
    }

    /** The frame a {@link Kind#RESTART_FRAME} re-enters (kept in the first field). */
    public int frameIndex() {
        return fromModuleOffset;
    }

    /** Run while the pc stays in {@code [from, to)} of the current frame; calls run through. */
    public static Resume whileInRange(int fromModuleOffset, int toModuleOffset) {
        return new Resume(Kind.RANGE_OVER, fromModuleOffset, toModuleOffset);
    }

    /** Run while the pc stays in {@code [from, to)} of the current frame; stop in any function it calls. */
    public static Resume whileInRangeInto(int fromModuleOffset, int toModuleOffset) {
        return new Resume(Kind.RANGE_INTO, fromModuleOffset, toModuleOffset);
    }
}
