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

import java.util.AbstractList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    private int stepDepth;
    private int stepFrom;
    private int stepTo;
    private int stepMaxDepth = -1;
    private volatile int generation;
    private final Set<Long> castSites = new HashSet<>();

    DebugSupport(Interpreter interp, Debugger debugger) {
        this.interp = interp;
        this.debugger = debugger;
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

    int[] codeFor(CompiledFunction cf, int depth) {
        return (interp.debugFlags & Interpreter.STEP) != 0 && depth <= stepMaxDepth ? cf.stepCode() : cf.code;
    }

    /** Called before the outermost invocation starts: arrange to stop at its first instruction. */
    void beforeEntry(int depth) {
        if (handler != null && entryEvents && depth == 0) {
            startStep(Resume.Kind.STEP_INTO, depth, 0, 0, depth);
            stepIsEntry = true;
        }
    }

    /** A {@code BREAK} was reached; returns the opcode to execute in its place. */
    int onBreak(FunctionInstance fn, int pc, int fp) {
        CompiledFunction cf = fn.code;
        int depth = interp.depth;
        boolean breakpoint = cf.hasBreakpoint(pc);
        DebugEvent event = null;
        if ((interp.debugFlags & Interpreter.STEP) != 0 && stepDone(cf, pc, depth)) {
            event = stepIsEntry ? new DebugEvent.Entry(fn.funcIndex, fn.name())
                    : breakpoint ? hit(fn, pc) : new DebugEvent.Step();
        } else if (breakpoint) {
            event = hit(fn, pc);
        }
        if (event != null) {
            stop(event, fn, pc, fp);
        }
        return cf.original(pc);
    }

    private DebugEvent hit(FunctionInstance fn, int pc) {
        Breakpoint bp = debugger.breakpointAt(fn, pc);
        return bp != null ? new DebugEvent.BreakpointHit(bp) : new DebugEvent.Step();
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

    /** A poll point (call, return, loop back-edge) saw a debug flag. */
    void poll(FunctionInstance fn, int pc, int fp) {
        if ((interp.debugFlags & Interpreter.PAUSE) != 0) {
            interp.clearFlag(Interpreter.PAUSE);
            stop(new DebugEvent.Pause(), fn, pc, fp);
        }
    }

    /** An instruction is about to trap; the handler sees the frames before they unwind. */
    void onTrap(TrapKind kind, TrapDetail detail, FunctionInstance fn, int pc, int fp) {
        stop(new DebugEvent.Trap(kind, detail, fn.funcIndex, fn.code.moduleOffset(pc)), fn, pc, fp);
        endStep();
    }

    /** A call_indirect was adapted to a callee of another type; reported once per call site. */
    void onCast(FunctionInstance fn, int pc, int fp, FunctionInstance callee, FuncType expected) {
        if (castSites.add(((long) fn.address << 32) | pc)) {
            stop(new DebugEvent.FunctionPointerCast(fn.funcIndex, fn.code.moduleOffset(pc), callee.funcIndex,
                    callee.name(), expected, callee.type), fn, pc, fp);
        }
    }

    void exited(int exitCode) {
        DebugHandler h = handler;
        if (h != null) {
            h.onEvent(new DebugEvent.Exit(exitCode), List.of());
        }
    }

    private void stop(DebugEvent event, FunctionInstance fn, int pc, int fp) {
        DebugHandler h = handler;
        if (h == null) {
            endStep();
            return;
        }
        endStep();
        int gen = ++generation;
        int depth = interp.depth;
        // Views are made on demand: a stop deep in a recursion must not cost a view per frame.
        List<DebugFrame> frames = new AbstractList<>() {
            @Override
            public DebugFrame get(int index) {
                if (index == 0) {
                    return new FrameView(DebugSupport.this, gen, 0, fn, pc, fp);
                }
                int saved = depth - index;
                if (index < 0 || saved < 0) {
                    throw new IndexOutOfBoundsException("frame " + index + " of " + (depth + 1));
                }
                return new FrameView(DebugSupport.this, gen, index, interp.frameFn[saved],
                        Interpreter.resumePc(interp.framePc[saved]) - 1, interp.frameFp[saved]);
            }

            @Override
            public int size() {
                return depth + 1;
            }
        };
        Resume resume;
        try {
            resume = h.onEvent(event, frames);
        } finally {
            generation++;
        }
        apply(resume == null ? Resume.CONTINUE : resume, depth);
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
        }
    }

    private void startStep(Resume.Kind kind, int depth, int from, int to, int maxDepth) {
        stepKind = kind;
        stepIsEntry = false;
        stepDepth = depth;
        stepFrom = from;
        stepTo = to;
        stepMaxDepth = maxDepth;
        interp.setFlag(Interpreter.STEP);
    }

    private void endStep() {
        stepKind = null;
        stepIsEntry = false;
        stepMaxDepth = -1;
        interp.clearFlag(Interpreter.STEP);
    }
}
