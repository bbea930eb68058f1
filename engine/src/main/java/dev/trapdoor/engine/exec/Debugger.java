package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.debug.Breakpoint;
import dev.trapdoor.engine.debug.DebugHandler;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Controls debugging of a {@link Store}: the event handler, breakpoints, pause requests. Breakpoints and pause may be
 * changed from any thread, also while the program runs; events arrive on the thread running Wasm code.
 *
 * <p>With no handler and no breakpoints, the interpreter runs exactly as without a debugger.
 */
public final class Debugger {
    private final Interpreter interp;
    private final DebugSupport support;
    private final Retranslations retranslations;
    private final Map<Integer, Placed> breakpoints = new LinkedHashMap<>();
    private int nextId = 1;
    private final java.util.Set<FunctionInstance> exactPinned = new java.util.HashSet<>();

    /** A breakpoint patched into one translation of its function ({@code cf}) at {@code pc}. */
    private record Placed(Breakpoint breakpoint, FunctionInstance fn, CompiledFunction cf, int pc) {
    }

    Debugger(Interpreter interp) {
        this.interp = interp;
        this.retranslations = new Retranslations(interp);
        this.support = new DebugSupport(interp, this, retranslations);
        interp.attach(support);
    }

    /** Sets (or with {@code null}, removes) the handler that receives events. */
    public void setHandler(DebugHandler handler) {
        support.handler(handler);
    }

    /** Whether to stop with an Entry event before the first instruction of each outermost invocation (default on). */
    public void setEntryEvents(boolean on) {
        support.entryEvents(on);
    }

    /**
     * Sets a breakpoint at a module offset of an instance's code. An offset inside an instruction, or on one that
     * runs no code of its own (like {@code block}), moves to the next instruction that does; the result says where.
     *
     * @throws IllegalArgumentException if no function body of the module contains the offset
     */
    public synchronized Breakpoint addBreakpoint(Instance instance, int moduleOffset) {
        return addBreakpoint(instance, moduleOffset, false);
    }

    /**
     * Sets a breakpoint on the instruction at a module offset, retranslating its function at
     * {@link TranslationLevel#EXACT} first so that it stops exactly there (an offset inside an instruction still
     * moves to the next one).
     *
     * @throws IllegalArgumentException if no function body of the module contains the offset
     */
    public synchronized Breakpoint addInstructionBreakpoint(Instance instance, int moduleOffset) {
        return addBreakpoint(instance, moduleOffset, true);
    }

    private Breakpoint addBreakpoint(Instance instance, int moduleOffset, boolean exact) {
        long at = bodyAt(instance.module, moduleOffset);
        int funcIndex = (int) (at >>> 32);
        moduleOffset = (int) at;
        FunctionInstance fn = instance.functions[funcIndex];
        if (exact) {
            translateExactly(fn);
        }
        CompiledFunction cf = retranslations.target(fn);
        return place(fn, cf, reachablePc(cf, moduleOffset, funcIndex), moduleOffset);
    }

    /**
     * The module offset where {@link #addBreakpoint(Instance, int)} would place a breakpoint asked for at {@code
     * moduleOffset} now, without placing one: no pin, no patch, no id taken. A debugger asks this for every place a
     * step may stop (the first instruction of a line), once per place; adding and removing a breakpoint to find out
     * dropped and re-made the function's compiled code and copied its code (benchmarks/RESULTS.md, session 24).
     *
     * @throws IllegalArgumentException as {@link #addBreakpoint(Instance, int)} does
     */
    public synchronized int breakpointOffset(Instance instance, int moduleOffset) {
        long at = bodyAt(instance.module, moduleOffset);
        int funcIndex = (int) (at >>> 32);
        CompiledFunction cf = retranslations.target(instance.functions[funcIndex]);
        return cf.moduleOffset(reachablePc(cf, (int) at, funcIndex));
    }

    /**
     * The index of the function whose body holds {@code moduleOffset} (high half) and the offset a breakpoint there
     * starts from (low half: the body's start for an offset in its locals' declarations).
     */
    private static long bodyAt(WasmModule module, int moduleOffset) {
        for (int i = 0; i < module.bodies().size(); i++) {
            FunctionBody body = module.bodies().get(i);
            if (moduleOffset >= body.bodyOffset() && moduleOffset < body.endOffset()) {
                return ((long) (module.importedFunctionCount() + i) << 32) | (moduleOffset & 0xFFFFFFFFL);
            }
            if (moduleOffset >= body.entryOffset() && moduleOffset < body.bodyOffset()) {
                return ((long) (module.importedFunctionCount() + i) << 32) | (body.bodyOffset() & 0xFFFFFFFFL);
            }
        }
        throw new IllegalArgumentException(String.format("no function body contains module offset 0x%x",
                moduleOffset));
    }

    private static int reachablePc(CompiledFunction cf, int moduleOffset, int funcIndex) {
        int pc = cf.pcAtOrAfter(moduleOffset);
        if (pc < 0) {
            throw new IllegalArgumentException(String.format(
                    "no reachable instruction at or after module offset 0x%x in function %d", moduleOffset, funcIndex));
        }
        return pc;
    }

    /** Sets a breakpoint at the first instruction of a function. */
    public synchronized Breakpoint addFunctionBreakpoint(Instance instance, int funcIndex) {
        FunctionInstance fn = instance.functions[funcIndex];
        if (fn.isHost() || fn.instance != instance) {
            throw new IllegalArgumentException("function " + funcIndex + " is imported; set the breakpoint where it"
                    + " is defined");
        }
        CompiledFunction cf = retranslations.target(fn);
        return place(fn, cf, 0, cf.moduleOffset(0));
    }

    private Breakpoint place(FunctionInstance fn, CompiledFunction cf, int pc, int requested) {
        interp.store.pin(fn);
        Breakpoint bp = new Breakpoint(nextId++, fn.funcIndex, requested, cf.moduleOffset(pc));
        breakpoints.put(bp.id(), new Placed(bp, fn, cf, pc));
        if (cf.setBreakpoint(pc)) {
            // A frame may be running the shared code the breakpoint is not in (the program runs, or waits in a call).
            interp.setFlag(Interpreter.RELOAD);
        }
        return bp;
    }

    /**
     * Runs a function at {@link TranslationLevel#EXACT} from now on: every instruction a stop, every operand in a
     * slot. Its frames move to the new code at once while the program is stopped (from the handler, or while it
     * waits), else at their next call, return or loop back-edge. Nothing else changes for other functions.
     */
    public void translateExactly(Instance instance, int funcIndex) {
        FunctionInstance fn = instance.functions[funcIndex];
        if (fn.isHost() || fn.instance != instance) {
            throw new IllegalArgumentException("function " + funcIndex + " is imported; it has no code here");
        }
        synchronized (this) {
            translateExactly(fn);
        }
    }

    void translateExactly(FunctionInstance fn) {
        if (!exactPinned.contains(fn)) {
            // Exact code is the interpreter's: the function stays there for the rest of the session.
            exactPinned.add(fn);
            interp.store.pin(fn);
        }
        retranslations.request(fn);
        if (!support.installWhileStopped() && retranslations.anyPending()) {
            interp.setFlag(Interpreter.MOVE);
        }
    }

    /**
     * Called with each function as it starts running at the exact level (on the thread that moved its frames);
     * null for none.
     */
    public void setExactListener(java.util.function.Consumer<FunctionInstance> listener) {
        retranslations.listener(listener);
    }

    /** Functions that run at the exact level because the debugger retranslated them, in the order it did. */
    public List<FunctionInstance> exactFunctions() {
        return retranslations.installed();
    }

    /** fn now runs {@code to}: its breakpoints follow it there, at the same instructions. */
    synchronized void moveBreakpoints(FunctionInstance fn, CompiledFunction to) {
        moveBreakpoints(fn, to, false);
    }

    /** {@link #moveBreakpoints}; {@code asked}: to the instruction each breakpoint asked for, not where it landed. */
    synchronized void moveBreakpoints(FunctionInstance fn, CompiledFunction to, boolean asked) {
        for (Map.Entry<Integer, Placed> e : breakpoints.entrySet()) {
            Placed p = e.getValue();
            if (p.fn == fn && p.cf != to) {
                int offset = asked ? p.breakpoint.requestedOffset() : p.breakpoint.moduleOffset();
                int pc = to.pcOf(offset);
                if (pc < 0) {
                    pc = to.pcAtOrAfter(offset);
                }
                if (pc >= 0) {
                    if (to.setBreakpoint(pc)) {
                        interp.setFlag(Interpreter.RELOAD);
                    }
                    e.setValue(new Placed(p.breakpoint, fn, to, pc));
                }
            }
        }
    }

    /** Removes a breakpoint; other breakpoints at the same instruction stay. */
    public synchronized void removeBreakpoint(Breakpoint breakpoint) {
        Placed placed = breakpoints.remove(breakpoint.id());
        if (placed == null) {
            return;
        }
        interp.store.unpin(placed.fn);
        for (Placed other : breakpoints.values()) {
            if (other.cf == placed.cf && other.pc == placed.pc) {
                return;
            }
        }
        placed.cf.clearBreakpoint(placed.pc);
    }

    public synchronized List<Breakpoint> breakpoints() {
        List<Breakpoint> list = new ArrayList<>();
        breakpoints.values().forEach(p -> list.add(p.breakpoint));
        return list;
    }

    synchronized Breakpoint breakpointAt(FunctionInstance fn, int pc) {
        for (Placed p : breakpoints.values()) {
            if (p.fn == fn && p.cf == fn.code && p.pc == pc) {
                return p.breakpoint;
            }
        }
        return null;
    }

    /**
     * Every combination of {@code call_indirect} site and callee that function-pointer-cast emulation adapted, with
     * how many calls it adapted, in the order the combinations first happened.
     */
    public List<dev.trapdoor.engine.debug.AdaptedCalls> adaptedCalls() {
        return support.adaptedCalls();
    }

    /**
     * While the program is stopped (from the handler or while it waits): {@code null} when frame {@code frameIndex}
     * (0 = innermost) can be re-entered with {@link dev.trapdoor.engine.debug.Resume#restartFrame}, else a sentence
     * saying why not.
     */
    public String whyNotRestartable(int frameIndex) {
        return support.whyNotRestartable(frameIndex);
    }

    /**
     * Starts recording the program for going back in time ({@link Recording}): call before the invocation to
     * record starts. Needs a store at {@link TranslationLevel#EXACT} and runs everything in the interpreter from
     * here on. {@code interval}: instructions between snapshots; {@code budgetBytes}: what snapshots and the input
     * log may hold before older snapshots are thinned.
     *
     * @throws IllegalStateException "not supported in recordings: ..." for a module using GC objects or exception
     *                               references, which snapshots do not hold ({@link RecordingLimits})
     */
    public Recording record(Instance instance, long interval, long budgetBytes) {
        return record(instance, interval, budgetBytes, false);
    }

    /**
     * {@link #record}; with {@code onOptimizedCode} (what the DAP's {@code record} launch asks for), a store at
     * {@link TranslationLevel#OPTIMIZED} is recorded too: functions run a translation of their optimized code whose
     * blocks are counted in exact instructions ({@link OptimizedBlocks}) until the first going back, and their exact
     * code from then on, so positions and replays are those of a recording on the exact translation.
     */
    public synchronized Recording record(Instance instance, long interval, long budgetBytes,
                                         boolean onOptimizedCode) {
        if (!onOptimizedCode && interp.store.config.translation() != TranslationLevel.EXACT) {
            throw new IllegalStateException("recording needs the exact translation (EngineConfig.withTranslation"
                    + "(TranslationLevel.EXACT)): its instruction counts must not change when the debugger"
                    + " retranslates a function");
        }
        if (interp.depth != 0 || support.recording() != null) {
            throw new IllegalStateException("start recording once, before the program runs");
        }
        String unsupported = RecordingLimits.unsupported(instance.module());
        if (unsupported != null) {
            throw new IllegalStateException("not supported in recordings: " + unsupported);
        }
        Recording r = new Recording(interp, instance, interval, budgetBytes);
        interp.store.interpreterOnly();
        support.record(r);
        interp.store.recording = r;
        for (FunctionInstance fn : instance.functions) {
            if (fn.host == null && fn.code != null && fn.instance == instance) {
                fn.code = r.adopt(fn, fn.code);
            }
        }
        interp.setFlag(Interpreter.RECORD);
        return r;
    }

    /** The recording {@link #record} started, or null. */
    public Recording recording() {
        return support.recording();
    }

    /**
     * While stopped (from the handler or while it waits): null when the innermost frame can move to the instruction
     * at {@code moduleOffset} with {@link dev.trapdoor.engine.debug.Resume#gotoOffset}, else a sentence saying why
     * not. The function must run its exact translation ({@link #translateExactly}).
     */
    public String whyNotGoto(int moduleOffset) {
        return support.whyNotGoto(moduleOffset);
    }

    /** While stopped: null when the program can go back in time ({@code Resume.STEP_BACK} …), else why not. */
    public String whyNotBack() {
        return support.whyNotBack();
    }

    /** Asks the running program to stop with a Pause event at its next call, return or loop back-edge. */
    public void requestPause() {
        // Compiled loops never poll for a pause: their frames come to the interpreter, which does.
        interp.store.leaveCompiledCode();
        interp.setFlag(Interpreter.PAUSE);
    }

    /** Reports that the program finished, firing the Exit event (no frames are alive any more). */
    public void programExited(int exitCode) {
        support.exited(exitCode);
    }
}
