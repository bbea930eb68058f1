package dev.trapdoor.engine.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions the debugger wants at {@link TranslationLevel#EXACT}: their new code waits here until every frame of the
 * function can move to it ({@link FrameMove}), which happens on the thread running Wasm code — at its next poll or
 * {@code BREAK}, or right away while that thread is stopped in the debug handler. Until then the old code keeps
 * running, so a frame is never in code whose pcs it does not know.
 */
final class Retranslations {
    private final Interpreter interp;
    private final Map<FunctionInstance, CompiledFunction> pending = new LinkedHashMap<>();
    private final List<FunctionInstance> installed = new ArrayList<>();
    private volatile java.util.function.Consumer<FunctionInstance> listener;
    /** Interpreted frames waiting in calls into compiled code, innermost last ({@link DebugSupport#callingOut}). */
    private final List<FunctionInstance> callingOut = new ArrayList<>();
    /** Whether anything waits: read at every {@code BREAK}, so without taking the lock. */
    private volatile boolean waiting;

    Retranslations(Interpreter interp) {
        this.interp = interp;
    }

    /** Asks for fn's exact code; returns it (waiting or installed). */
    synchronized CompiledFunction request(FunctionInstance fn) {
        CompiledFunction current = Interpreter.compiled(fn);
        if (current.level == TranslationLevel.EXACT) {
            return current;
        }
        CompiledFunction exact = pending.computeIfAbsent(fn,
                f -> SharedModules.translate(f.instance.context(), f.funcIndex, TranslationLevel.EXACT));
        waiting = true;
        return exact;
    }

    /** The code breakpoints of fn go into: its exact code if that is waiting, else its code. */
    synchronized CompiledFunction target(FunctionInstance fn) {
        CompiledFunction waiting = pending.get(fn);
        return waiting != null ? waiting : Interpreter.compiled(fn);
    }

    void listener(java.util.function.Consumer<FunctionInstance> l) {
        this.listener = l;
    }

    boolean anyPending() {
        return waiting;
    }

    /** Functions retranslated so far, in order. */
    synchronized List<FunctionInstance> installed() {
        return List.copyOf(installed);
    }

    synchronized void callingOut(FunctionInstance fn) {
        callingOut.add(fn);
    }

    synchronized void calledOut() {
        callingOut.remove(callingOut.size() - 1);
    }

    /**
     * Installs every waiting translation whose frames can all move, with the innermost frame {@code (top, pc, fp)}
     * (top null when no frame runs); returns the innermost frame's pc afterwards. Frames below {@code floor} wait
     * in host calls with their code in an outer run's locals: a function with such a frame waits too. With
     * {@code topAtResume} the innermost frame's pc is a call's resume point and it moves as a waiting caller does.
     */
    synchronized int install(FunctionInstance top, int pc, int fp, int floor, Debugger debugger,
                             boolean topAtResume) {
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            FunctionInstance fn = e.getKey();
            CompiledFunction from = fn.code;
            CompiledFunction to = e.getValue();
            int topPc = top != fn ? 0 : interp.debug().uncountedAt(from) ? -1
                    : topAtResume ? FrameMove.mapResume(from, to, pc) : FrameMove.map(from, to, pc);
            if (topPc < 0 || callingOut.contains(fn) || !callersCanMove(fn, from, to, floor)) {
                continue;
            }
            long[] s = interp.stack;
            for (int d = 0; d < interp.depth; d++) {
                if (interp.frameFn[d] == fn) {
                    int saved = interp.framePc[d];
                    int resume = Interpreter.resumePc(saved);
                    // A waiting caller resumes right after its call in the exact code too: the optimized
                    // instruction start there may stand for instructions with no code of their own, whose
                    // operand slots are the callee's frame until it returns.
                    int moved = FrameMove.mapResume(from, to, resume);
                    FrameMove.materializeResume(from, resume, s, interp.frameFp[d]);
                    interp.framePc[d] = saved < 0 ? -moved - 1 : moved;
                }
            }
            if (top == fn && topAtResume) {
                FrameMove.materializeResume(from, pc, s, fp);
                pc = topPc;
            } else if (top == fn) {
                FrameMove.materialize(from, pc, s, fp);
                pc = topPc;
            }
            fn.code = to;
            debugger.moveBreakpoints(fn, to);
            installed.add(fn);
            it.remove();
            var l = listener;
            if (l != null) {
                l.accept(fn);
            }
        }
        if (pending.isEmpty()) {
            waiting = false;
            interp.clearFlag(Interpreter.MOVE);
        }
        return pc;
    }

    private boolean callersCanMove(FunctionInstance fn, CompiledFunction from, CompiledFunction to, int floor) {
        for (int d = 0; d < interp.depth; d++) {
            if (interp.frameFn[d] != fn) {
                continue;
            }
            if (d < floor || FrameMove.mapResume(from, to, Interpreter.resumePc(interp.framePc[d])) < 0) {
                return false;
            }
        }
        return true;
    }
}
