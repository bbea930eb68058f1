package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.trap.WasmFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * A trap on its way out through compiled frames, which live on the JVM stack: each compiled frame's call-site
 * handler adds itself (function and the module offset of the call) as the exception passes, and the interpreter or
 * the outermost invoke turns it into the {@link Trap}, with the same frames the interpreter would have listed. No
 * stack trace.
 */
final class JitUnwind extends RuntimeException {
    final TrapKind kind;
    final TrapDetail detail;
    /** Innermost first. */
    final List<WasmFrame> frames = new ArrayList<>();
    /**
     * The innermost interpreter frame it reaches is already listed: its activation had moved into compiled code
     * (on-stack replacement), which added it.
     */
    boolean interpreterFrameListed;
    /**
     * The frames for the debugger's trap event, innermost first, while that event waits for the unwind to reach the
     * outermost invocation; null when no event waits (no debugger, or it has seen the trap already).
     */
    List<CapturedFrame> captured;
    /** The copy of the compiled frame that added itself last, for its handler to complete. */
    long[] lastSlots;

    /**
     * Not a trap: a debug stop in an interpreter run with compiled frames below it. Every frame between the stop and
     * the outermost invocation adds itself, and the invocation then runs them all in the interpreter
     * ({@link Deoptimization}) and retries the stop, which then sees every frame.
     */
    final boolean deopt;
    /**
     * A deoptimization for a Wasm exception ({@link JitExceptions}): the innermost captured frame is a compiled one,
     * stopped at its throwing instruction (this null) or at a call that {@code raise} came out of.
     */
    boolean compiledTop;
    WasmThrow raise;
    /**
     * The Wasm exception a deoptimization for one carries, once known (the throw instruction of a compiled top frame
     * builds it when that frame has added itself): what a frame on the way tests its handlers against, to catch it
     * there when no debugger needs every frame ({@link JitExceptions#catchHere}).
     */
    WasmThrow thrown;
    /**
     * The interpreter's count of running compiled frames at the throw, and how many of them have added themselves
     * (typed entries, which the count omits, are not among them).
     */
    int jitDepthAtThrow = -1;
    int compiledFrames;
    /**
     * A frame on the way catches it by reference, or could not be asked: no frame below may catch it first, and the
     * invocation moves into the interpreter (where the sweep of caught exceptions sees an {@code exnref}).
     */
    boolean movesAll;

    JitUnwind(TrapKind kind, TrapDetail detail) {
        super(kind.message(), null, false, false);
        this.kind = kind;
        this.detail = detail;
        this.deopt = false;
    }

    private JitUnwind() {
        super("deoptimization", null, false, false);
        this.kind = null;
        this.detail = null;
        this.deopt = true;
    }

    /** A deoptimization whose innermost frame, a compiled one, adds itself first (see {@link #compiledTop}). */
    static JitUnwind compiledDeoptimization(WasmThrow raise) {
        JitUnwind u = new JitUnwind();
        u.captured = new ArrayList<>();
        u.compiledTop = true;
        u.raise = raise;
        return u;
    }

    /** A deoptimization starting at the stop {@code (fn, pc, fp)}. */
    static JitUnwind deoptimization(FunctionInstance fn, int pc, int fp) {
        JitUnwind u = new JitUnwind();
        u.captured = new ArrayList<>();
        u.captured.add(CapturedFrame.interpreted(fn, pc, fp));
        u.interpreterFrameListed = true;
        return u;
    }

    /** Names the exception this deoptimization carries, thrown while {@code jitDepth} compiled frames ran. */
    void carry(WasmThrow ex, int jitDepth) {
        thrown = ex;
        if (jitDepthAtThrow < 0) {
            jitDepthAtThrow = jitDepth;
        }
    }

    void add(FunctionInstance f, int moduleOffset) {
        // A deoptimization never becomes a trap (the interpreter lists the frames it rebuilds), so it lists none: Lua
        // throws once per coroutine yield, through a dozen compiled frames whose names each cost a map lookup.
        if (!deopt) {
            frames.add(new WasmFrame(f.funcIndex, f.name(), moduleOffset));
        }
    }

    /** A compiled frame adds itself: a copy of its frame, which its handler completes from its JVM locals. */
    long[] captureCompiled(FunctionInstance f, int moduleOffset, long[] stack, int fp, int frameSize,
                           boolean counted) {
        long[] slots = new long[frameSize];
        System.arraycopy(stack, fp, slots, 0, Math.max(0, Math.min(frameSize, stack.length - fp)));
        captured.add(CapturedFrame.compiled(f, moduleOffset, slots, fp));
        if (counted) {
            compiledFrames++;
        }
        return slots;
    }

    Trap toTrap() {
        WasmFrame top = frames.isEmpty() ? null : frames.get(0);
        return new Trap(kind, finalDetail(), top == null ? -1 : top.funcIndex(),
                top == null ? -1 : top.moduleOffset(), frames);
    }

    /**
     * The detail once every frame has added itself. The JVM's own stack running out in compiled code is known only
     * as a {@code StackOverflowError} at the innermost frame, where the depth counters leave out typed frames (they
     * carry their slack as an argument); the frames listed on the way out are the real depth.
     */
    TrapDetail finalDetail() {
        if (detail instanceof TrapDetail.StackExhausted s && s.valueStackSlots() < 0) {
            return new TrapDetail.StackExhausted(frames.size(), s.maxDepth(), -1, s.maxValueStackSlots());
        }
        return detail;
    }
}
