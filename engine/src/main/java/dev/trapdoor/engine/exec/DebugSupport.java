package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.debug.Breakpoint;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugHandler;
import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import dev.trapdoor.engine.debug.AdaptedCalls;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interpreter's side of debugging: decides at each {@code BREAK} whether a breakpoint or a step stops the
 * program, fires events with frame views, and turns the handler's {@link Resume} into step state. The interpreter
 * consults it only at {@code BREAK} instructions, at traps, and at calls, returns and loop back-edges when
 * {@link Interpreter#debugFlags} is non-zero.
 *
 * <p>Step state: {@code stepKind} with the frame depth it started at. Frames at depth {@code <= stepMaxDepth} run on
 * their step code (a {@code BREAK} at every instruction); deeper frames run normally, so stepping over a call costs
 * nothing inside the callee.
 */
final class DebugSupport {
    private final Interpreter interp;
    private final Debugger debugger;
    private volatile DebugHandler handler;
    private volatile boolean entryEvents = true;
    private Resume.Kind stepKind;
    private boolean stepIsEntry;
    /** The step lands a restarted frame: its first stop is the restart's, even on a breakpoint there. */
    private boolean stepIsRestart;
    private int stepDepth;
    private int stepFrom;
    private int stepTo;
    private int stepMaxDepth = -1;
    private volatile int generation;
    /** Adapted calls per (caller, site's module offset, callee), in the order each combination first happened. */
    private final Map<List<Integer>, AdaptedCalls> casts = new LinkedHashMap<>();
    private final Retranslations retranslations;
    /**
     * The innermost frame while the handler runs at a stop from which the frame can move to new code (a
     * {@code BREAK} or a poll; not a trap or a cast, where the interpreter goes on with the code it holds).
     */
    private FunctionInstance stopFn;
    private int stopPc;
    private int stopFp;
    private volatile boolean movable;
    private final Restarts restarts;
    /** The restart the handler asked for at the current stop, thrown once the stop ends. */
    private FrameRestart restart;
    /** A goto moved the stopped frame: the BREAK it stopped at runs the stop at the new pc instead. */
    private boolean gotoPending;
    /** Counts every instruction and can go back (see {@link Recording}), or null. */
    private volatile Recording recording;

    DebugSupport(Interpreter interp, Debugger debugger, Retranslations retranslations) {
        this.interp = interp;
        this.debugger = debugger;
        this.retranslations = retranslations;
        this.restarts = new Restarts(interp);
    }

    Interpreter interpreter() {
        return interp;
    }

    void handler(DebugHandler h) {
        this.handler = h;
    }

    DebugHandler handler() {
        return handler;
    }

    void entryEvents(boolean on) {
        this.entryEvents = on;
    }

    int generation() {
        return generation;
    }

    long[] high() {
        return interp.hi;
    }

    long[] stack() {
        return interp.stack;
    }

    /** The pc of saved frame {@code saved}, or of the innermost frame (-1), in its function's current code. */
    int framePc(int saved, int pc) {
        return saved < 0 ? stopPc(pc) : Interpreter.resumePc(interp.framePc[saved]) - 1;
    }

    /** Retranslates fn exactly and moves its frames now; false when they cannot move at this stop. */
    boolean makeExact(FunctionInstance fn) {
        synchronized (debugger) {
            debugger.translateExactly(fn);
        }
        return fn.code.level == TranslationLevel.EXACT;
    }

    void record(Recording r) {
        recording = r;
    }

    Recording recording() {
        return recording;
    }

    int[] codeFor(CompiledFunction cf, int depth) {
        if ((interp.debugFlags & Interpreter.STEP) != 0 && depth + interp.jitDepth <= stepMaxDepth) {
            return cf.stepCode();
        }
        Recording rec = recording;
        return rec != null ? rec.code(cf) : cf.code;
    }

    /**
     * The running frame of {@code fn} calls compiled code: its pc lives in this run's locals, not in the frame
     * stack, so its function's new code must wait until the call returns ({@link Interpreter#afterCallOut} polls).
     */
    void callingOut(FunctionInstance fn) {
        retranslations.callingOut(fn);
    }

    void calledOut() {
        retranslations.calledOut();
    }

    /** Before an invocation from the host: waiting translations whose frames can move are installed. */
    void beforeInvoke() {
        if (retranslations.anyPending()) {
            // Every frame there is belongs to an outer run that waits in a host call.
            install(null, 0, 0, interp.depth);
        }
    }

    /**
     * The call depth of the running frame counting compiled frames too: step depths are kept in it, since a stop
     * in an interpreter run that compiled code called must agree with the same stop after {@link Deoptimization}.
     */
    private int depth() {
        return interp.depth + interp.jitDepth;
    }

    /**
     * A stop that is about to fire in an interpreter run with compiled frames below: those frames move into the
     * interpreter first (see {@link Deoptimization}), and the stop fires again from there. False when it cannot
     * fire yet: a frame below has bare call sites ({@link BareCalls}).
     */
    boolean deoptimizeBelow(FunctionInstance fn, int pc, int fp) {
        if (interp.bridged && handler != null) {
            if (BareCalls.onStack()) {
                // A frame below keeps no values to resume in the interpreter with: the stop waits until it returns.
                return false;
            }
            throw JitUnwind.deoptimization(fn, pc, fp);
        }
        return true;
    }

    /**
     * Whether calls run in the interpreter because a step is in progress: a step into stops in the callee, and a step
     * over or out must see the frames a Wasm exception unwinds to, which compiled code does not report.
     */
    boolean entersCalls() {
        return stepKind != null && (interp.debugFlags & Interpreter.STEP) != 0;
    }

    /** Whether the invocation about to start at {@code depth} stops at its first instruction. */
    boolean wantsEntry(int depth) {
        return handler != null && entryEvents && depth == 0;
    }

    /** Called before the outermost invocation starts: arrange to stop at its first instruction. */
    void beforeEntry(int depth) {
        Recording rec = recording;
        if (rec != null && depth == 0) {
            rec.newInvocation();
        }
        if (wantsEntry(depth)) {
            startStep(Resume.Kind.STEP_INTO, depth, 0, 0, depth);
            stepIsEntry = true;
        }
    }

    /**
     * A {@code BREAK} was reached; returns the opcode to execute in its place, at the pc it leaves in
     * {@link Interpreter#pollPc} (another one when the function's frames moved to new code meanwhile), on the code it
     * leaves in {@link Interpreter#pollCode}.
     */
    int onBreak(FunctionInstance fn, int pc, int fp) {
        pc = breakAt(fn, pc, fp);
        interp.pollPc = pc;
        interp.pollCode = codeFor(interp.fn.code, interp.depth);
        return fn.code.original(pc);
    }

    private int breakAt(FunctionInstance fn, int pc, int fp) {
        CompiledFunction cf = fn.code;
        int depth = depth();
        boolean breakpoint = cf.hasBreakpoint(pc);
        DebugEvent event = null;
        Recording rec = recording;
        if (rec != null) {
            if (rec.count(fn, pc, fp, depth)) {
                return stopMovable(breakpoint && rec.landedOnBreakpoint() ? hit(fn, pc, false) : new DebugEvent.Step(),
                        fn, pc, fp);
            }
            if (rec.replaying()) {
                return pc;
            }
        }
        if ((interp.debugFlags & Interpreter.STEP) != 0 && stepDone(cf, pc, depth)) {
            event = stepIsEntry ? new DebugEvent.Entry(fn.funcIndex, fn.name())
                    : breakpoint && !stepIsRestart ? hit(fn, pc, true) : new DebugEvent.Step();
        } else if (breakpoint) {
            event = hit(fn, pc, false);
        }
        if (event != null) {
            if (rec != null) {
                rec.stopping(fn, pc, depth, event instanceof DebugEvent.BreakpointHit hit
                        ? hit.breakpoint().requestedOffset() : -1);
            }
            pc = stopMovable(event, fn, pc, fp);
            if (gotoPending) {
                gotoPending = false;
                return breakAt(fn, pc, fp);
            }
        }
        if (retranslations.anyPending()) {
            pc = install(fn, pc, fp, interp.entryDepth());
        }
        return pc;
    }

    /**
     * A compiled frame of {@code fn} about to go on in the interpreter at {@code pc} of its current code, at a loop
     * header or where a call resumes ({@code atResume}), its slots spilled at {@code fp}: exact code the debugger
     * asked for since the frame entered its compiled code takes it first, as at an interpreted frame's poll. Without
     * that the frame ran its old code to the return (a breakpoint on straight-line code after the call never hit).
     * Returns the pc to go on from. Frames already on the interpreter's stack belong to outer runs.
     */
    int bridging(FunctionInstance fn, int pc, int fp, boolean atResume) {
        if (!retranslations.anyPending()) {
            return pc;
        }
        synchronized (debugger) {
            return retranslations.install(fn, pc, fp, interp.depth, debugger, atResume);
        }
    }

    /**
     * Installs waiting translations under the debugger's lock, which the debugger's own requests hold while they
     * ask for translations: one lock order for both threads.
     */
    private int install(FunctionInstance top, int pc, int fp, int floor) {
        synchronized (debugger) {
            return retranslations.install(top, pc, fp, floor, debugger, atResume(top, pc));
        }
    }

    /**
     * Whether {@code pc} of the running frame {@code top} is where a call resumes: known after a call out of the
     * interpreter; at a return or back-edge ({@link #pollLanding}) found by walking the code, which only a frame that
     * moves to new code needs, so polls that move nothing (every return and back-edge of a callee a step runs
     * through) do not pay for it.
     */
    private boolean atResume(FunctionInstance top, int pc) {
        return atCallResume || landing && top != null && FrameMove.resumesCall(top.code, pc);
    }

    /** {@link #stop} where the frame may move to new code while stopped; returns its pc afterwards. */
    private int stopMovable(DebugEvent event, FunctionInstance fn, int pc, int fp) {
        if (!deoptimizeBelow(fn, pc, fp)) {
            return pc;
        }
        stopFn = fn;
        stopPc = pc;
        stopFp = fp;
        movable = true;
        try {
            stop(event, fn, pc, fp);
            FrameRestart r = restart;
            if (r != null) {
                restart = null;
                throw r;
            }
        } finally {
            movable = false;
            stopFn = null;
        }
        return stopPc;
    }

    /** While stopped at a movable stop: installs waiting translations now; false when not stopped so. */
    boolean installWhileStopped() {
        if (!movable) {
            return false;
        }
        stopPc = retranslations.install(stopFn, stopPc, stopFp, interp.entryDepth(), debugger,
                atResume(stopFn, stopPc));
        return true;
    }

    /** The innermost frame's pc at the current stop (it changes when the frame moves to new code). */
    int stopPc(int pc) {
        return movable ? stopPc : pc;
    }

    /** @param endsStep a step in progress ends here too */
    private DebugEvent hit(FunctionInstance fn, int pc, boolean endsStep) {
        Breakpoint bp = debugger.breakpointAt(fn, pc);
        return bp != null ? new DebugEvent.BreakpointHit(bp, endsStep) : new DebugEvent.Step();
    }

    private boolean stepDone(CompiledFunction cf, int pc, int depth) {
        return switch (stepKind) {
            case STEP_INTO -> true;
            case STEP_OVER -> depth <= stepDepth;
            case STEP_OUT -> depth < stepDepth;
            case RANGE_OVER -> depth < stepDepth || (depth == stepDepth && outside(cf.moduleOffset(pc)));
            case RANGE_INTO -> depth != stepDepth || outside(cf.moduleOffset(pc));
            default -> false;
        };
    }

    private boolean outside(int moduleOffset) {
        return moduleOffset < stepFrom || moduleOffset >= stepTo;
    }

    /**
     * A poll point saw {@link Interpreter#RECORD} alone: the code the frame runs on, or null when something is to be
     * done there after all (a retranslation to install).
     */
    int[] recordingPoll(CompiledFunction cf) {
        Recording rec = recording;
        return rec == null || retranslations.anyPending() ? null : rec.code(cf);
    }

    /** Whether the running frame is at a poll: a block start whose {@code BREAK} has not run yet. */
    private boolean inPoll;

    /**
     * Whether the running frame, on cf, cannot move to new code now: at a poll in optimized code a recording counts
     * (the exact code's pc there may be inside a block, whose {@code BREAK} it would miss); it moves at the next one.
     */
    boolean uncountedAt(CompiledFunction cf) {
        return inPoll && recording != null && cf.level == TranslationLevel.OPTIMIZED && cf.blockCountsIfMade() != null;
    }

    Debugger debugger() {
        return debugger;
    }

    /**
     * Whether the running frame polls right after a call out of the interpreter returned: its pc is the call's
     * resume point, where the optimized code's instruction start may stand for instructions with no code of their
     * own (a {@code local.get} aliased away), so the frame moves to the exact code right after the call, as a waiting
     * caller does, and a breakpoint on such an instruction stops.
     */
    private boolean atCallResume;

    /** {@link #poll} right after a call into compiled code returned to the running frame at {@code pc}. */
    void pollAfterCall(FunctionInstance fn, int pc, int fp) {
        atCallResume = true;
        try {
            poll(fn, pc, fp);
        } finally {
            atCallResume = false;
        }
    }

    /** The running frame polls where the dispatch loop left it: at a return into it, or a loop back-edge. */
    private boolean landing;

    /** {@link #poll} at a return or loop back-edge, where {@code pc} may be a call's resume point. */
    void pollLanding(FunctionInstance fn, int pc, int fp) {
        landing = true;
        try {
            poll(fn, pc, fp);
        } finally {
            landing = false;
        }
    }

    /** A poll point (call, return, loop back-edge) saw a debug flag. */
    void poll(FunctionInstance fn, int pc, int fp) {
        inPoll = true;
        try {
            pollAt(fn, pc, fp);
        } finally {
            inPoll = false;
        }
    }

    private void pollAt(FunctionInstance fn, int pc, int fp) {
        if ((interp.debugFlags & Interpreter.PAUSE) != 0 && (recording == null || !recording.replaying())
                && deoptimizeBelow(fn, pc, fp)) {
            interp.clearFlag(Interpreter.PAUSE);
            pc = stopMovable(new DebugEvent.Pause(), fn, pc, fp);
            // The frame's next BREAK is the goto's target: the step stops there.
            gotoPending = false;
        }
        if (retranslations.anyPending()) {
            pc = install(fn, pc, fp, interp.entryDepth());
        }
        interp.pollPc = pc;
    }

    /** An instruction is about to trap; the handler sees the frames before they unwind. */
    void onTrap(TrapKind kind, TrapDetail detail, FunctionInstance fn, int pc, int fp) {
        stop(new DebugEvent.Trap(kind, detail, fn.funcIndex, fn.code.moduleOffset(pc)), fn, pc, fp);
        endStep();
    }

    /** A Wasm exception is thrown at {@code pc}; the frames are still alive (see {@link ExceptionStops}). */
    void onThrow(WasmThrow ex, FunctionInstance fn, int pc, int fp) {
        ExceptionStops.onThrow(this, ex, fn, pc, fp);
    }

    /**
     * A call_indirect was adapted to a callee of another type: reported the first time for each site and callee (a
     * callee fixes the pair of types), counted every time.
     */
    void onCast(FunctionInstance fn, int pc, int fp, FunctionInstance callee, FuncType expected) {
        int moduleOffset = fn.code.moduleOffset(pc);
        List<Integer> key = List.of(fn.address, moduleOffset, callee.address);
        boolean first;
        synchronized (casts) {
            AdaptedCalls seen = casts.get(key);
            first = seen == null;
            casts.put(key, new AdaptedCalls(fn.funcIndex, moduleOffset, callee.funcIndex, callee.name(), expected,
                    callee.type, first ? 1 : seen.count() + 1));
        }
        if (first) {
            stop(new DebugEvent.FunctionPointerCast(fn.funcIndex, moduleOffset, callee.funcIndex, callee.name(),
                    expected, callee.type), fn, pc, fp);
        }
    }

    List<AdaptedCalls> adaptedCalls() {
        synchronized (casts) {
            return List.copyOf(casts.values());
        }
    }

    void exited(int exitCode) {
        DebugHandler h = handler;
        if (h != null) {
            h.onEvent(new DebugEvent.Exit(exitCode), List.of());
        }
    }

    /**
     * Views of the frames with the innermost at pc of fn (views are valid until the next call). Besides stops, a
     * replay's extra stop test asks for them at an instruction it passes ({@link Recording.StopTest}).
     */
    List<DebugFrame> framesAt(FunctionInstance fn, int pc, int fp, boolean atStop) {
        int gen = ++generation;
        int depth = interp.depth;
        // Views are made on demand: a stop deep in a recursion must not cost a view per frame.
        return new AbstractList<>() {
            @Override
            public DebugFrame get(int index) {
                if (index == 0) {
                    return new FrameView(DebugSupport.this, gen, 0, -1, fn, atStop ? stopPc(pc) : pc, fp);
                }
                int saved = depth - index;
                if (index < 0 || saved < 0) {
                    throw new IndexOutOfBoundsException("frame " + index + " of " + (depth + 1));
                }
                return new FrameView(DebugSupport.this, gen, index, saved, interp.frameFn[saved],
                        Interpreter.resumePc(interp.framePc[saved]) - 1, interp.frameFp[saved]);
            }

            @Override
            public int size() {
                return depth + 1;
            }
        };
    }

    void stop(DebugEvent event, FunctionInstance fn, int pc, int fp) {
        Recording rec = recording;
        if (rec != null) {
            // A stop at an instruction that ran (a trap, a throw) or is about to: the count must be current.
            rec.caughtUp(fn, pc, depth(), true);
        }
        DebugHandler h = handler;
        if (h == null) {
            endStep();
            interp.ticks.held(false);
            return;
        }
        endStep();
        if (fn.instance != null) {
            // The program waits for a person now: the time to translate what its next steps may reach.
            SharedModules.translateAhead(fn.instance.module(), interp.store.config.translation());
        }
        int depth = interp.depth;
        List<DebugFrame> frames = framesAt(fn, pc, fp, true);
        Resume resume = deliver(h, event, frames);
        if (resume.goesBack()) {
            throw back(resume, fn, stopPc(pc), depth + interp.jitDepth);
        }
        apply(resume, depth + interp.jitDepth);
        if (stepKind == null) {
            interp.ticks.held(false);
        }
        interp.store.resumeCompiledCode();
    }

    private Resume deliver(DebugHandler h, DebugEvent event, List<DebugFrame> frames) {
        Resume resume;
        interp.ticks.held(true);
        long stoppedAt = System.nanoTime();
        try {
            resume = h.onEvent(event, frames);
        } finally {
            generation++;
            interp.stoppedFor(System.nanoTime() - stoppedAt);
        }
        return resume == null ? Resume.CONTINUE : resume;
    }

    /**
     * A trap that passed through compiled frames, reported once the unwind has reached the outermost invocation with
     * every frame captured (see {@link CapturedFrame}). A step requested here has nothing left to run, as after any
     * trap; terminating still ends the program.
     */
    void onCapturedTrap(TrapKind kind, TrapDetail detail, List<CapturedFrame> captured) {
        DebugHandler h = handler;
        endStep();
        if (h == null) {
            return;
        }
        int gen = ++generation;
        List<DebugFrame> frames = new AbstractList<>() {
            @Override
            public DebugFrame get(int index) {
                return new FrameView(DebugSupport.this, gen, index, captured.get(index));
            }

            @Override
            public int size() {
                return captured.size();
            }
        };
        CapturedFrame top = captured.get(0);
        Resume resume = deliver(h, new DebugEvent.Trap(kind, detail, top.fn.funcIndex, top.moduleOffset()), frames);
        endStep();
        if (resume.kind() == Resume.Kind.TERMINATE) {
            throw new DebugTerminated();
        }
    }

    private void apply(Resume r, int depth) {
        switch (r.kind()) {
            case CONTINUE -> {
            }
            case STEP_INTO, RANGE_INTO -> startStep(r.kind(), depth, r.fromModuleOffset(), r.toModuleOffset(),
                    Integer.MAX_VALUE);
            case STEP_OVER, RANGE_OVER -> startStep(r.kind(), depth, r.fromModuleOffset(), r.toModuleOffset(), depth);
            case STEP_OUT -> startStep(r.kind(), depth, 0, 0, depth - 1);
            case TERMINATE -> throw new DebugTerminated();
            case RESTART_FRAME -> restartAt(r.frameIndex(), depth);
            case GOTO -> gotoAt(r.fromModuleOffset(), depth);
        }
    }

    /** While stopped: {@code null} when frame {@code frameIndex} can restart, else why not. */
    String whyNotRestartable(int frameIndex) {
        Recording rec = recording;
        if (rec != null && rec.whyNotBack() == null) {
            // A recording re-enters any frame: it goes back to where the frame was entered.
            return frameIndex < 0 || frameIndex > interp.depth ? "there is no frame " + frameIndex : null;
        }
        return restarts.whyNot(frameIndex, movable, stopFn);
    }

    /** While stopped: null when the innermost frame can move to {@code moduleOffset}, else why not. */
    String whyNotGoto(int moduleOffset) {
        FunctionInstance fn = stopFn;
        if (!movable || fn == null) {
            return "the next statement can be set only at a breakpoint, a step or a pause";
        }
        if (fn.code.level != TranslationLevel.EXACT) {
            return "the function does not run its exact translation (Debugger.translateExactly first)";
        }
        return GotoTargets.of(fn).whyNot(fn.code.moduleOffset(stopPc), moduleOffset);
    }

    private void gotoAt(int moduleOffset, int depth) {
        String why = whyNotGoto(moduleOffset);
        if (why != null) {
            throw new IllegalStateException("cannot go to 0x" + Integer.toHexString(moduleOffset) + ": " + why);
        }
        stopPc = stopFn.code.pcOf(moduleOffset);
        startStep(Resume.Kind.STEP_INTO, depth, 0, 0, Integer.MAX_VALUE);
        gotoPending = true;
    }

    /** While stopped: null when the program can go back in time, else why not. */
    String whyNotBack() {
        Recording rec = recording;
        return rec == null ? "the program is not being recorded (launch it with recording on)" : rec.whyNotBack();
    }

    private Rewind back(Resume r, FunctionInstance fn, int pc, int depth) {
        String why = whyNotBack();
        if (why != null) {
            throw new IllegalStateException("cannot go back: " + why);
        }
        return recording.back(r.kind(), recording.here(fn, pc, depth), depth);
    }

    private void restartAt(int frameIndex, int depth) {
        Recording rec = recording;
        if (rec != null && rec.whyNotBack() == null && frameIndex >= 0 && frameIndex <= interp.depth) {
            throw rec.landAt(rec.entryPosition(depth - frameIndex), false);
        }
        String why = whyNotRestartable(frameIndex);
        if (why != null) {
            throw new IllegalStateException("cannot restart frame " + frameIndex + ": " + why);
        }
        restart = restarts.prepare(frameIndex, stopFn, stopFp);
        startStep(Resume.Kind.STEP_INTO, depth - frameIndex, 0, 0, Integer.MAX_VALUE);
        stepIsRestart = true;
    }

    private void startStep(Resume.Kind kind, int depth, int from, int to, int maxDepth) {
        stepKind = kind;
        stepIsEntry = false;
        stepIsRestart = false;
        stepDepth = depth;
        stepFrom = from;
        stepTo = to;
        stepMaxDepth = maxDepth;
        interp.setFlag(Interpreter.STEP);
        interp.ticks.held(true);
    }

    private void endStep() {
        stepKind = null;
        stepIsEntry = false;
        stepIsRestart = false;
        stepMaxDepth = -1;
        interp.clearFlag(Interpreter.STEP);
    }
}
