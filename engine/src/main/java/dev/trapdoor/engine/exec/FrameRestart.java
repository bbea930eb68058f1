package dev.trapdoor.engine.exec;

/**
 * Leaves the dispatch loop at a stop whose handler asked to re-enter a frame ({@code Resume.restartFrame}); the run's
 * {@link Unwinder} catches it and enters the loop again at the first instruction of that frame. It carries no stack
 * trace: it is control flow, like {@link WasmThrow}.
 */
final class FrameRestart extends RuntimeException {
    /** The frame-stack depth the restarted frame runs at (the frames from there up are dropped). */
    final int depth;
    final FunctionInstance fn;
    final int fp;

    FrameRestart(int depth, FunctionInstance fn, int fp) {
        super(null, null, false, false);
        this.depth = depth;
        this.fn = fn;
        this.fp = fp;
    }

    /**
     * Makes the restarted frame the running one: frames above it are dropped, its declared locals start from zero
     * again and its parameters keep the entry values {@link Restarts} checked they still hold. Returns its frame
     * pointer.
     */
    int enter(Interpreter in) {
        in.depth = depth;
        in.fn = fn;
        in.inst = fn.instance;
        fn.code.initLocals(in.stack, fp);
        return fp;
    }
}
