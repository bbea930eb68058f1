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
        TERMINATE
    }

    public static final Resume CONTINUE = new Resume(Kind.CONTINUE, 0, 0);
    public static final Resume STEP_INTO = new Resume(Kind.STEP_INTO, 0, 0);
    public static final Resume STEP_OVER = new Resume(Kind.STEP_OVER, 0, 0);
    public static final Resume STEP_OUT = new Resume(Kind.STEP_OUT, 0, 0);
    public static final Resume TERMINATE = new Resume(Kind.TERMINATE, 0, 0);

    /** Run while the pc stays in {@code [from, to)} of the current frame; calls run through. */
    public static Resume whileInRange(int fromModuleOffset, int toModuleOffset) {
        return new Resume(Kind.RANGE_OVER, fromModuleOffset, toModuleOffset);
    }

    /** Run while the pc stays in {@code [from, to)} of the current frame; stop in any function it calls. */
    public static Resume whileInRangeInto(int fromModuleOffset, int toModuleOffset) {
        return new Resume(Kind.RANGE_INTO, fromModuleOffset, toModuleOffset);
    }
}
