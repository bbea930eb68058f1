package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Runs translated code. All frames of a store share one {@code long[]} value stack: a frame is its locals followed
 * by its operand slots, and a callee's frame starts at the caller's first argument slot, so arguments and results are
 * never copied. Wasm-to-Wasm calls push onto explicit frame arrays instead of recursing on the JVM stack; deep guest
 * recursion therefore ends in a "call stack exhausted" trap at a configurable depth.
 *
 * <p>{@link #run} is the dispatch loop and must stay under HotSpot's 8000-byte limit for compiled methods (a test
 * measures it): rare instructions are delegated to {@link FloatOps} and {@link SlowOps}.
 */
final class Interpreter {

    final Store store;
    /** Not final: a run bridged from compiled code lowers it by the compiled frames below it. */
    int maxDepth;
    final int maxSlots;
    /** The value stack's first length, below which it never shrinks: compiled typed entries rely on that room. */
    static final int INITIAL_SLOTS = 4096;
    long[] stack = new long[INITIAL_SLOTS];
    /** High halves of v128 values: a v128 in stack slot i has its other half at hi[i] (see {@link SimdOps}). */
    long[] hi = new long[INITIAL_SLOTS];
    final SimdScratch simd = new SimdScratch();
    /** First free slot: where a new activation (an invoke from the host) puts its frame. */
    int sp;
    /** Saved frames: the function, its frame pointer and the pc to resume at. */
    FunctionInstance[] frameFn = new FunctionInstance[64];
    int[] frameFp = new int[64];
    /** Resume pc of each saved frame; negative (-pc - 1) when the call was adapted by fpcast emulation. */
    int[] framePc = new int[64];
    int depth;
    /** Compiled frames on the JVM stack; they count against {@link #maxDepth} with {@link #depth}. */
    int jitDepth;
    /**
     * Frames below this index belong to an outer run that called compiled code, which called back into the
     * interpreter: a trap in this run lists frames down to here and leaves as a {@link JitUnwind} for the compiled
     * frames to complete.
     */
    int frameFloor;
    boolean bridged;
    /** The compiled frame whose host call is running (compiled frames are not in the frame arrays), or null. */
    dev.trapdoor.engine.trap.WasmFrame jitCaller;
    /**
     * A tail call that compiled code made and its trampoline has yet to run ({@link JitTailCalls}): the callee, and
     * the function and module offset of the {@code return_call} that named it.
     */
    FunctionInstance tailCallee;
    FunctionInstance tailCaller;
    int tailOffset;
    /** The compiled caller and call offset of the typed {@code call_indirect} of a host function about to run. */
    FunctionInstance indirectCaller;
    int indirectOffset;
    /** The function {@link #run} is executing, its instance, and the depth its outermost frame returns at. */
    FunctionInstance fn;
    Instance inst;
    private int entryDepth;

    static final int PAUSE = 1;
    static final int STEP = 2;
    /** The tiered mode's sampler looked: the next poll tells {@link Tiering} which function is running. */
    static final int TICK = 4;
    /** The debugger retranslated a function: the next poll moves its frames to the new code. */
    static final int MOVE = 8;
    /** The {@link TimeLimit} timer went off: the next poll reads the clock. */
    static final int TIME_LIMIT = 16;
    /** A {@link Recording} counts instructions: frames run the code it picks. */
    static final int RECORD = 32;
    /**
     * A breakpoint gave a function its own code ({@link CompiledFunction#setBreakpoint}): the next poll has the running
     * frame take its function's code again, in case it still runs the shared template's.
     */
    static final int RELOAD = 64;
    /**
     * The pc a frame continues at after a poll or a {@code BREAK}: where it stopped, or where the debugger moved it
     * in its function's new code ({@link FrameMove}).
     */
    int pollPc;
    /** The code a frame continues on after a {@code BREAK}: set by {@link DebugSupport#onBreak}, saving a call. */
    int[] pollCode;
    /**
     * The opcode the {@code BREAK} the dispatch loop is entered at stands for, once the debugger's hook has run
     * there ({@link Unwinder#run}); -1 otherwise: that {@code BREAK} leaves the loop for the hook.
     */
    int breakOp = -1;
    /**
     * While recording: what the dispatch loop may still count at counted block starts before it must leave for the
     * recording's hook ({@link Recording#relimit}); the instructions counted so far are the recording's limit minus
     * this.
     */
    long blockBudget;
    private static final VarHandle FLAGS;

    static {
        try {
            FLAGS = MethodHandles.lookup().findVarHandle(Interpreter.class, "debugFlags", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Non-zero while a pause is requested or a step is active; read at calls, returns and loop back-edges. */
    volatile int debugFlags;
    /** What the tiered mode's sampler has to look at here. */
    final TickDemand ticks;
    private DebugSupport debug;
    private final boolean emulateCasts;
    /** The running outermost call's time limit, or null. */
    private TimeLimit timeLimit;

    Interpreter(Store store) {
        this.store = store;
        this.maxDepth = store.config.maxCallDepth();
        this.maxSlots = store.config.maxValueStackSlots();
        this.emulateCasts = store.config.emulateFunctionPointerCasts();
        this.ticks = new TickDemand(store.config.tier() == Tier.TIERED);
    }

    void attach(DebugSupport support) {
        this.debug = support;
    }

    void setFlag(int flag) {
        FLAGS.getAndBitwiseOr(this, flag);
    }

    void clearFlag(int flag) {
        FLAGS.getAndBitwiseAnd(this, ~flag);
    }

    static int resumePc(int saved) {
        return saved < 0 ? -saved - 1 : saved;
    }

    long[] invoke(FunctionInstance f, long[] args) {
        if (!ticks.begin()) {
            return invokeLimited(f, args);
        }
        try {
            return invokeLimited(f, args);
        } finally {
            ticks.end();
        }
    }

    private long[] invokeLimited(FunctionInstance f, long[] args) {
        long limit = store.config.timeLimitMillis();
        if (limit == 0 || timeLimit != null) {
            return invokeTimed(f, args);
        }
        timeLimit = TimeLimit.start(this, limit);
        try {
            return invokeTimed(f, args);
        } finally {
            timeLimit.cancel();
            timeLimit = null;
        }
    }

    /**
     * Checks the host's limits at a poll: traps with "time limit exceeded" once the time limit has passed. The
     * interpreter calls it when it sees {@link #TIME_LIMIT} in {@link #debugFlags}; compiled code's polls must call
     * it the same way (it throws a {@link TrapSignal}, as the other run-time checks do).
     */
    void checkLimits() {
        TimeLimit t = timeLimit;
        if ((debugFlags & TIME_LIMIT) != 0) {
            if (t == null) {
                clearFlag(TIME_LIMIT);
            } else {
                t.check();
            }
        }
    }

    /** Time stopped in the debugger does not count against the time limit. */
    void stoppedFor(long nanos) {
        TimeLimit t = timeLimit;
        if (t != null) {
            t.stoppedFor(nanos);
        }
    }

    private long[] invokeTimed(FunctionInstance f, long[] args) {
        if (f.host != null) {
            try {
                return normalize(f, HostCalls.call(f, null, args));
            } catch (TrapSignal signal) {
                throw new Trap(signal.kind, signal.detail, -1, -1, List.of());
            }
        }
        if (depth == 0 && jitDepth == 0 && (debugFlags & (PAUSE | STEP | RECORD)) == 0) {
            // No frame runs, so none has to leave compiled code for a function a breakpoint pinned since: only a
            // pending pause or step still needs the interpreter's polls.
            store.resumeCompiledCode();
        }
        int base = sp;
        int savedDepth = depth;
        int savedJitDepth = jitDepth;
        int savedFloor = frameFloor;
        boolean savedBridged = bridged;
        // A deoptimization of the compiled entry runs the rebuilt frames from this invocation's depth: a nested
        // invocation (a host function's call back into Wasm) must leave its caller's run as it found it.
        FunctionInstance outerFn = fn;
        Instance outerInst = inst;
        int outerEntryDepth = entryDepth;
        ensureStack(base + args.length);
        boolean v128 = f.type.hasV128();
        if (v128) {
            V128Args.toSlots(f.type.params(), args, stack, hi, base);
        } else {
            System.arraycopy(args, 0, stack, base, args.length);
        }
        try {
            frameFloor = 0;
            bridged = false;
            if (--f.hotness == 0) {
                Tiering.hot(f);
            }
            if (debug != null && (debugFlags & MOVE) != 0) {
                // Before compiled code too: the functions it calls into the interpreter run their current code.
                debug.beforeInvoke();
            }
            // The entry stop is a step, which runs in the interpreter.
            java.lang.invoke.MethodHandle jit = debug != null && debug.wantsEntry(depth) ? null : f.jit;
            if (jit != null) {
                try {
                    JitRt.callCompiled(jit, base);
                } catch (JitUnwind u) {
                    if (u.deopt) {
                        Deoptimization.resume(this, u, savedDepth, savedJitDepth);
                        return invokeResults(f, base, v128);
                    }
                    throw Traps.complete(this, u);
                } catch (TrapSignal signal) {
                    throw new Trap(signal.kind, signal.detail, f.funcIndex, -1, List.of());
                }
                return invokeResults(f, base, v128);
            }
            CompiledFunction cf = compiled(f);
            try {
                enterCheck(cf, base, null, -1);
            } catch (TrapSignal signal) {
                throw new Trap(signal.kind, signal.detail, f.funcIndex, -1, List.of());
            }
            cf.initLocals(stack, base);
            if (debug != null) {
                debug.beforeEntry(depth);
            }
            FunctionInstance savedFn = fn;
            Instance savedInst = inst;
            int savedEntryDepth = entryDepth;
            fn = f;
            inst = f.instance;
            entryDepth = depth;
            try {
                Unwinder.run(this, codeAt(cf), base, 0);
            } catch (JitUnwind u) {
                // Only a deoptimization leaves the outermost run as a JitUnwind; a trap leaves it as a Trap.
                Deoptimization.resume(this, u, savedDepth, savedJitDepth);
            } finally {
                fn = savedFn;
                inst = savedInst;
                entryDepth = savedEntryDepth;
            }
            if (v128) {
                return V128Args.fromSlots(f.type.results(), stack, hi, base);
            }
            long[] results = Arrays.copyOfRange(stack, base, base + f.type.resultCount());
            return normalize(f, results);
        } finally {
            depth = savedDepth;
            jitDepth = savedJitDepth;
            frameFloor = savedFloor;
            bridged = savedBridged;
            fn = outerFn;
            inst = outerInst;
            entryDepth = outerEntryDepth;
            sp = base;
        }
    }

    /**
     * Runs {@code f}, whose arguments compiled code put at {@code fp}, in the interpreter: what a compiled caller's
     * call site does until {@code f} is compiled. A trap here leaves as a {@link JitUnwind}.
     */
    void runBridged(FunctionInstance f, int fp) {
        runBridged(f, fp, 0, null, true);
    }

    /**
     * Runs {@code f} from {@code pc} with its frame at {@code fp}: a compiled frame that moves into the interpreter
     * at a loop header or after a call, its state already spilled into the frame. (A header may be at pc 0: a loop
     * that starts the function keeps its locals all the same.)
     */
    void runBridged(FunctionInstance f, int fp, int pc) {
        runBridged(f, fp, pc, null, false);
    }

    /**
     * Raises {@code ex} at {@code sitePc} of {@code f}, a compiled frame at {@code fp} that catches it and now moves
     * into the interpreter to run its handler and the rest of its activation ({@link JitExceptions#catchHere}).
     */
    void raiseBridged(WasmThrow ex, FunctionInstance f, int fp, int sitePc) {
        runBridged(f, fp, sitePc, ex, false);
    }

    private void runBridged(FunctionInstance f, int fp, int pc, WasmThrow raise, boolean call) {
        CompiledFunction cf = compiled(f);
        if (depth + jitDepth >= maxDepth || (long) fp + cf.frameSize > maxSlots) {
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, new TrapDetail.StackExhausted(depth + jitDepth,
                    maxDepth, (long) fp + cf.frameSize, maxSlots));
        }
        ensureStack(fp + cf.frameSize);
        if (call) {
            cf.initLocals(stack, fp);
        }
        FunctionInstance savedFn = fn;
        Instance savedInst = inst;
        int savedEntryDepth = entryDepth;
        int savedFloor = frameFloor;
        boolean savedBridged = bridged;
        int savedMax = maxDepth;
        fn = f;
        inst = f.instance;
        entryDepth = depth;
        frameFloor = depth;
        bridged = true;
        maxDepth = savedMax - jitDepth;
        int runDepth = depth;
        try {
            if (raise != null) {
                Unwinder.raise(this, raise, f, fp, pc);
            } else {
                Unwinder.run(this, codeAt(cf), fp, pc);
            }
        } finally {
            // A trap or deoptimization leaving this run has listed its frames; left on the frame stack, the
            // caller's run would list them again as its own (a Wasm exception then landed in a stale frame).
            depth = runDepth;
            fn = savedFn;
            inst = savedInst;
            entryDepth = savedEntryDepth;
            frameFloor = savedFloor;
            bridged = savedBridged;
            maxDepth = savedMax;
        }
    }

    private static long[] normalize(FunctionInstance f, long[] results) {
        for (int i = 0; i < results.length; i++) {
            results[i] = Values.normalize(f.type.result(i), results[i]);
        }
        return results;
    }

    static CompiledFunction compiled(FunctionInstance f) {
        CompiledFunction cf = f.code;
        if (cf == null) {
            cf = SharedModules.translate(f.instance.context(), f.funcIndex, f.store.config.translation());
            Recording r = f.store.recording;
            f.code = cf = r != null ? r.adopt(f, cf) : cf;
        }
        return cf;
    }

    /** A call the interpreter gives away: to a host function, or to a function the compiled tier runs. */
    void callOut(FunctionInstance callee, int fp, int resume, int argFp, int castTypeIndex) {
        int savedDepth = depth;
        int savedJitDepth = jitDepth;
        try {
            callOutUnguarded(callee, fp, resume, argFp, castTypeIndex);
        } catch (WasmThrow ex) {
            // The exception left the callee: the search for a handler goes on in this frame, at the call.
            depth = savedDepth;
            jitDepth = savedJitDepth;
            ex.at(fn, fp, resumePc(resume) - 1);
            if (!ex.announced) {
                // A host function threw it: seen from Wasm, it is thrown at the call.
                ExceptionOps.thrown(this, ex, fn, resumePc(resume) - 1, fp);
            }
            throw ex;
        }
    }

    private void callOutUnguarded(FunctionInstance callee, int fp, int resume, int argFp, int castTypeIndex) {
        if (callee.host == null) {
            java.lang.invoke.MethodHandle jit = callee.jit;
            try {
                // This frame is not saved (depth counts saved frames), yet it is below the callee: counted among the
                // frames below compiled code while the callee runs, so a recursion from here exhausts the call stack
                // at the interpreter's call, as one from a compiled caller does (JitRt.enterFrame).
                jitDepth++;
                try {
                    if (debug != null && debug.entersCalls()) {
                        // A step into a call stops in the callee, which only the interpreter does.
                        runBridged(callee, argFp);
                    } else if (debug != null) {
                        debug.callingOut(fn);
                        try {
                            JitRt.callCompiled(jit != null ? jit : JitRt.invokerOf(callee), argFp);
                        } finally {
                            debug.calledOut();
                        }
                        calledCompiled = true;
                    } else {
                        // A debugger on another thread may have taken the compiled code away since the caller
                        // looked.
                        JitRt.callCompiled(jit != null ? jit : JitRt.invokerOf(callee), argFp);
                    }
                } finally {
                    jitDepth--;
                }
            } catch (JitUnwind u) {
                if (JitExceptions.caughtInRun(this, u, resume)) {
                    throw u.thrown;
                }
                if (u.deopt && !u.interpreterFrameListed) {
                    u.captured.add(CapturedFrame.caller(fn, resume, fp));
                    u.interpreterFrameListed = true;
                }
                throw u;
            }
            if (resume < 0) {
                // An adapted call (function-pointer-cast emulation): results the callee did not produce read as 0.
                CastEmulation.zeroMissingResults(this, argFp, callee.type.resultCount(),
                        inst.module.types().get(castTypeIndex).resultCount());
            }
            return;
        }
        pushFrame(fn, fp, resume);
        sp = fp + fn.code.frameSize;
        HostCalls.fromWasm(this, callee, inst, argFp, castTypeIndex);
        depth--;
    }

    /** {@link #compiled} for an interpreted call, which counts towards compiling the callee in the tiered mode. */
    private static CompiledFunction countedCompiled(FunctionInstance f) {
        if (--f.hotness == 0) {
            Tiering.hot(f);
        }
        return compiled(f);
    }

    /** An invocation's results in the API's flat form (a v128 as two entries, low half first). */
    private long[] invokeResults(FunctionInstance f, int base, boolean v128) {
        return v128 ? V128Args.fromSlots(f.type.results(), stack, hi, base)
                : normalize(f, Arrays.copyOfRange(stack, base, base + f.type.resultCount()));
    }

    void ensureStack(int slots) {
        if (slots > stack.length) {
            stack = Arrays.copyOf(stack, Math.max(slots, Math.min(maxSlots, stack.length * 2)));
        }
        if (hi.length < stack.length) {
            hi = Arrays.copyOf(hi, stack.length);
        }
    }

    /** Checks the limits before a frame of {@code cf} at {@code fp} is pushed; grows the stack if needed. */
    private void enterCheck(CompiledFunction cf, int fp, FunctionInstance caller, int callerPc) {
        if (depth >= maxDepth || fp + cf.frameSize > maxSlots) {
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED,
                    new TrapDetail.StackExhausted(depth, maxDepth, (long) fp + cf.frameSize, maxSlots));
        }
        ensureStack(fp + cf.frameSize);
    }

    /**
     * Runs frames a deoptimization rebuilt: {@code top} from {@code pc}, its callers already on the frame stack. Only
     * for {@link Deoptimization}, from the outermost invocation, whose own state the caller restores.
     */
    void runRebuilt(FunctionInstance top, int fp, int pc, int floor) {
        fn = top;
        inst = top.instance;
        entryDepth = floor;
        frameFloor = 0;
        bridged = false;
        Unwinder.run(this, codeAt(top.code), fp, pc);
    }

    /**
     * Raises {@code ex} at {@code sitePc} of {@code top}, a frame a deoptimization rebuilt with its callers already on
     * the frame stack ({@link JitExceptions}); like {@link #runRebuilt}, only from the outermost invocation.
     */
    void raiseRebuilt(WasmThrow ex, FunctionInstance top, int fp, int sitePc, int floor) {
        fn = top;
        inst = top.instance;
        entryDepth = floor;
        frameFloor = 0;
        bridged = false;
        Unwinder.raise(this, ex, top, fp, sitePc);
    }

    void pushCaller(FunctionInstance fn, int fp, int resumePc) {
        pushFrame(fn, fp, resumePc);
    }

    /** Sets saved frame {@code d} (a rewind rebuilding the frame stack); the depth becomes {@code d + 1}. */
    void pushFrameAt(int d, FunctionInstance fn, int fp, int resumePc) {
        depth = d;
        pushFrame(fn, fp, resumePc);
    }

    void pushFrame(FunctionInstance fn, int fp, int resumePc) {
        if (depth == frameFn.length) {
            int n = depth * 2;
            frameFn = Arrays.copyOf(frameFn, n);
            frameFp = Arrays.copyOf(frameFp, n);
            framePc = Arrays.copyOf(framePc, n);
        }
        frameFn[depth] = fn;
        frameFp[depth] = fp;
        framePc[depth] = resumePc;
        depth++;
    }

    private static long memoryOf(Instance inst) {
        MemoryInstance m = inst.memory0;
        return m == null ? 0 : m.base;
    }

    private static int memorySize(Instance inst) {
        MemoryInstance m = inst.memory0;
        return m == null ? 0 : m.size;
    }


    /**
     * Where a {@code call_indirect} at {@code pc} resumes: after it, or (function-pointer-cast emulation, the callee
     * of another type) the marked pc {@link CastEmulation#adapt} returns. Out of the dispatch loop for its size.
     */
    private int indirectResume(FunctionInstance callee, int[] code, int pc, int fp, int argFp) {
        int expected = inst.typeIds[code[pc + 1]];
        if (callee.typeId != expected && !inst.store.isSubtype(callee.typeId, expected)) {
            return CastEmulation.adapt(this, fn, pc, fp, callee, inst.module.types().get(code[pc + 1]), argFp);
        }
        return pc + 5;
    }

    /** The code a frame of {@code cf} runs on: the debugger's copy while a debug flag is set, else its own. */
    int[] codeAt(CompiledFunction cf) {
        return debugFlags != 0 ? codeFor(cf) : cf.code;
    }

    /** The code a new frame of {@code cf} runs: the debugger's copy while it steps, else the function's own. */
    private int[] codeFor(CompiledFunction cf) {
        return debug == null ? cf.code : debug.codeFor(cf, depth);
    }

    /**
     * Where a frame goes on after a call out of the interpreter returned: after compiled code under a debugger, a poll
     * point, as an interpreted callee's return is, so that a breakpoint set while the frame waited moves it to its new
     * code. Answers the code; {@link #pollPc} holds the pc.
     */
    int[] afterCallOut(int[] code, int resume, int fp) {
        int pc = resumePc(resume);
        pollPc = pc;
        // A breakpoint set while the call ran (the program stopped inside it, or another thread) may have given this
        // frame's function its own code; the flag that says so may have been cleared by a poll inside the call.
        code = fn.code.current(code);
        if (!calledCompiled && (debugFlags & MOVE) == 0) {
            // A host call's frame stays in the frame stack while it runs, but this thread polls nowhere in between:
            // exact code a breakpoint asked for during the call moves the frame here, or never before it returns.
            return code;
        }
        calledCompiled = false;
        return debugFlags != 0 ? pollAt(pc, fp, true) : code;
    }

    /** Whether the last call out of the interpreter ran compiled code ({@link #afterCallOut} polls after it). */
    private boolean calledCompiled;

    /** The poll before a call: a recording notes where the callee is entered first. */
    private int[] pollCall(int pc, int fp) {
        Recording r = store.recording;
        if (r != null) {
            r.calling(fn, pc, depth + jitDepth);
        }
        return pollAt(pc, fp);
    }

    /** A poll point saw a debug flag: lets the debugger stop here, and returns the code the frame runs on now. */
    private int[] pollAt(int pc, int fp) {
        return pollAt(pc, fp, false);
    }

    /** {@link #pollAt(int, int)}; {@code afterCall} when {@code pc} is the resume point of a call that returned. */
    private int[] pollAt(int pc, int fp, boolean afterCall) {
        return pollAt(pc, fp, afterCall, false);
    }

    /** {@link #pollAt(int, int)} at a return or back-edge, where {@code pc} may resume a call (the debugger asks). */
    private int[] pollLanding(int pc, int fp) {
        return pollAt(pc, fp, false, true);
    }

    private int[] pollAt(int pc, int fp, boolean afterCall, boolean landing) {
        pollPc = pc;
        if (debugFlags == RECORD) {
            // A recording alone polls at every call, return and back-edge: nothing can stop here.
            int[] quiet = debug.recordingPoll(fn.code);
            if (quiet != null) {
                return quiet;
            }
        }
        if ((debugFlags & TIME_LIMIT) != 0) {
            checkLimits();
        }
        if ((debugFlags & RELOAD) != 0) {
            clearFlag(RELOAD); // the code is read again below, whatever else this poll does
        }
        if ((debugFlags & TICK) != 0) {
            clearFlag(TICK);
            int[] moved = Tiering.tick(this, fn, pc, fp);
            if (moved != null) {
                // The activation ran to its return in compiled code, whose calls into the interpreter polled too.
                pollPc = pc;
                return moved;
            }
        }
        if (debug == null) {
            return fn.code.code;
        }
        if (afterCall) {
            debug.pollAfterCall(fn, pc, fp);
        } else if (landing) {
            debug.pollLanding(fn, pc, fp);
        } else {
            debug.poll(fn, pc, fp);
        }
        return debug.codeFor(fn.code, depth);
    }

    /**
     * The dispatch switches on {@code op << SPARSE}, so its case values are 16 apart. C2 then never compiles it into a
     * jump table (too sparse: more than {@code MaxJumpTableSparseness} values per range) but into a binary search
     * ordered by the profile, whose well-predicted conditional branches beat the one indirect jump of a table: up to
     * 1.6x on the benchmarks, and it does not depend on JVM flags.
     */
    private static final int SPARSE = 4;

    /** Marks {@link #run}'s result as a poll point's, not a {@code BREAK}'s (pcs are below 2^31). */
    static final long POLL_EXIT = 0x8000_0000L;

    /**
     * Per fused comparison (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u), a nibble: which outcomes take
     * the branch (bit 0 less, bit 1 equal, bit 2 greater) and whether it is unsigned (bit 3: compare with the sign
     * bits flipped). Decoding this inline costs less bytecode than a switch or a call.
     */
    private static final long BR_CMP_OUTCOMES = 0xE6B3C49152L;

    /**
     * Whether fused comparison k holds for a and b; the dispatch loop decodes {@link #BR_CMP_OUTCOMES} the same way
     * inline.
     */
    static boolean compare(int k, int a, int b) {
        int m = (int) (BR_CMP_OUTCOMES >>> (k << 2));
        int flip = m << 28 & Integer.MIN_VALUE;
        int x = a ^ flip;
        int y = b ^ flip;
        return (m >> (x < y ? 0 : x == y ? 1 : 2) & 1) != 0;
    }

    /**
     * Effective address of an access: the i32 address (already wrapped, so a folded {@code base + K} behaves as the
     * separate Wasm addition) plus the unsigned offset; any address at or above 2^31 becomes negative so the access
     * faults.
     */
    static int ea(int base, int offset) {
        // Memories are smaller than 2^31 bytes: an operand at or above 2^31 faults, and so does a sum that reaches it.
        return (base + offset) | ((base | offset) >> 31);
    }

    /**
     * The array index of an access of {@code width} bytes: {@link #ea}, checked against the memory's {@code size}
     * (its array is its capacity, longer than its size after a grow). {@code Objects.checkIndex} is a C2 intrinsic:
     * one compare and a branch off the address's critical path; it throws {@link IndexOutOfBoundsException} like the
     * array access does.
     */
    static int ea(int base, int offset, int size, int width) {
        return Objects.checkIndex((base + offset) | ((base | offset) >> 31), size - width + 1);
    }

    /**
     * The dispatch loop: runs the frame set up at {@code fp} from {@code pc} on {@code code} until the run's entry
     * frame returns (-1), a {@code BREAK} is reached or a poll point sees a debug flag: then it returns that frame's
     * fp (high half) and pc ({@link #POLL_EXIT} set for a poll), and {@link Unwinder#run} calls the debugger
     * ({@link #onBreak}, {@link #pollOutside}) and enters the loop again; a {@code BREAK} then runs the instruction
     * it stands for ({@link #breakOp}). The debugger is called from outside: a call in the loop makes C2 keep
     * {@code pc}, {@code code} and {@code s} in stack slots across every instruction once the call is frequent, as a
     * recording's one per block is (fsm-O2 recorded ran 2.3x slower so, in most JVMs). Static, with the four hottest variables as its first parameters, because HotSpot stops
     * inlining into a method once its bytecode plus what it inlined reaches 8000 bytes: locals 0-3 load in one byte
     * instead of two, which leaves that budget to the small helpers the hot cases call.
     *
     * <p>What only calls, returns, globals and debug polls need (the running function, its instance, the entry depth)
     * lives in fields of {@code self}, not in locals: every local live across the loop competes for the registers
     * that {@code pc}, {@code fp}, {@code code} and {@code s} need. A case reads such a field after
     * {@link VarHandle#acquireFence()}, which emits no instruction on x86 but gives the read a memory state of its
     * own: without it C2 merges the same field read from several cases into one read at the top of the switch, done
     * for every instruction (up to 1.5x on sort, matmul and bytes).
     */
    static long run(long[] s, int[] code, int fp, int pc, Interpreter self) {
        long mem = memoryOf(self.inst);
        int memSize = memorySize(self.inst);
        try {
            dispatch:
            for (;;) {
                int op = code[pc];
                for (;;) {
                switch (op << SPARSE) {
                    case Op.COPY << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        pc += 3;
                        continue dispatch;
                    case Op.CONST32 << SPARSE:
                        s[fp + code[pc + 1]] = code[pc + 2];
                        pc += 3;
                        continue dispatch;
                    case Op.CONST64 << SPARSE:
                        s[fp + code[pc + 1]] = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
                        pc += 4;
                        continue dispatch;
                    case Op.BR << SPARSE:
                        pc = code[pc + 1];
                        continue dispatch;
                    case Op.BR_IF << SPARSE:
                        pc = (int) s[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
                        continue dispatch;
                    case Op.BR_UNLESS << SPARSE:
                        pc = (int) s[fp + code[pc + 1]] == 0 ? code[pc + 2] : pc + 3;
                        continue dispatch;
                    case Op.BR_BACK << SPARSE:
                    case Op.BR_IF_BACK << SPARSE:
                        if (op == Op.BR_BACK || (int) s[fp + code[pc + 1]] != 0) {
                            pc = code[pc + (op == Op.BR_BACK ? 1 : 2)];
                            VarHandle.acquireFence();
                            if (self.debugFlags != 0) {
                                return (long) fp << 32 | pc | POLL_EXIT;
                            }
                        } else {
                            pc += 3;
                        }
                        continue dispatch;
                    case Op.I32_ADD_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_MUL_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_AND_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_OR_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_XOR_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_SHL_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_SHR_S_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_SHR_U_IMM << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case Op.I32_ROTL_IMM << SPARSE:
                        s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], code[pc + 3]);
                        pc += 4;
                        continue dispatch;
                    case Op.I64_ADD_IMM << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + ((long) code[pc + 4] << 32 | code[pc + 3] & 0xFFFF_FFFFL);
                        pc += 5;
                        continue dispatch;
                    case Op.I64_MUL_IMM << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * ((long) code[pc + 4] << 32 | code[pc + 3] & 0xFFFF_FFFFL);
                        pc += 5;
                        continue dispatch;
                    case Op.I64_OR_IMM << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | ((long) code[pc + 4] << 32 | code[pc + 3] & 0xFFFF_FFFFL);
                        pc += 5;
                        continue dispatch;
                    case Op.I64_SHR_U_IMM << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> code[pc + 3];
                        pc += 4;
                        continue dispatch;
                    case 0xC5 << SPARSE: case 0xC6 << SPARSE: case 0xC7 << SPARSE: case 0xC8 << SPARSE: case 0xC9 << SPARSE:
                    case 0xCA << SPARSE: case 0xCB << SPARSE: case 0xCC << SPARSE: case 0xCD << SPARSE: case 0xCE << SPARSE: {
                        int m = (int) (BR_CMP_OUTCOMES >>> ((op - Op.BR_CMP) << 2));
                        int flip = m << 28 & Integer.MIN_VALUE;
                        int a = (int) s[fp + code[pc + 1]] ^ flip;
                        int b = (int) s[fp + code[pc + 2]] ^ flip;
                        if ((m >> (a < b ? 0 : a == b ? 1 : 2) & 1) != 0) {
                            pc = code[pc + 3];
                            VarHandle.acquireFence();
                            if (self.debugFlags != 0) {
                                return (long) fp << 32 | pc | POLL_EXIT;
                            }
                        } else {
                            pc += 4;
                        }
                        continue dispatch;
                    }
                    case 0xD3 << SPARSE: case 0xD4 << SPARSE: case 0xD5 << SPARSE: case 0xD6 << SPARSE: case 0xD7 << SPARSE:
                    case 0xD8 << SPARSE: case 0xD9 << SPARSE: case 0xDA << SPARSE: case 0xDB << SPARSE: case 0xDC << SPARSE: {
                        int m = (int) (BR_CMP_OUTCOMES >>> ((op - Op.BR_CMP_IMM) << 2));
                        int flip = m << 28 & Integer.MIN_VALUE;
                        int a = (int) s[fp + code[pc + 1]] ^ flip;
                        int b = code[pc + 2] ^ flip;
                        if ((m >> (a < b ? 0 : a == b ? 1 : 2) & 1) != 0) {
                            pc = code[pc + 3];
                            VarHandle.acquireFence();
                            if (self.debugFlags != 0) {
                                return (long) fp << 32 | pc | POLL_EXIT;
                            }
                        } else {
                            pc += 4;
                        }
                        continue dispatch;
                    }
                    case Op.I32_LOAD_SCALED << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getInt(mem, ea(((int) s[fp + code[pc + 2]] << code[pc + 5]) + code[pc + 4],
                                code[pc + 3], memSize, 4));
                        pc += 6;
                        continue dispatch;
                    case Op.I64_LOAD_SCALED << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getLong(mem, ea(((int) s[fp + code[pc + 2]] << code[pc + 5]) + code[pc + 4],
                                code[pc + 3], memSize, 8));
                        pc += 6;
                        continue dispatch;
                    case Op.F32_ADD_LOAD << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                + Float.intBitsToFloat(RawMemory.getInt(mem, ea((int) s[fp + code[pc + 3]] + code[pc + 5],
                                code[pc + 4], memSize, 4))));
                        pc += 6;
                        continue dispatch;
                    case Op.F64_ADD_LOAD << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]])
                                + Double.longBitsToDouble(RawMemory.getLong(mem, ea((int) s[fp + code[pc + 3]] + code[pc + 5], code[pc + 4], memSize, 8))));
                        pc += 6;
                        continue dispatch;
                    case Op.F64_SUB_LOAD << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]])
                                - Double.longBitsToDouble(RawMemory.getLong(mem, ea((int) s[fp + code[pc + 3]] + code[pc + 5], code[pc + 4], memSize, 8))));
                        pc += 6;
                        continue dispatch;
                    case Op.F64_MUL_LOAD << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]])
                                * Double.longBitsToDouble(RawMemory.getLong(mem, ea((int) s[fp + code[pc + 3]] + code[pc + 5], code[pc + 4], memSize, 8))));
                        pc += 6;
                        continue dispatch;
                    case Op.I32_XOR_SHR_U << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ ((int) s[fp + code[pc + 3]] >>> code[pc + 4]);
                        pc += 5;
                        continue dispatch;
                    case Op.I64_XOR_SHR_U << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ (s[fp + code[pc + 3]] >>> code[pc + 4]);
                        pc += 5;
                        continue dispatch;
                    case Op.I64_XOR_SHR_U_MUL << SPARSE:
                        s[fp + code[pc + 1]] = (s[fp + code[pc + 2]] ^ (s[fp + code[pc + 3]] >>> code[pc + 4]))
                                * ((long) code[pc + 6] << 32 | code[pc + 5] & 0xFFFF_FFFFL);
                        pc += 7;
                        continue dispatch;
                    case Op.F32_ADD_IMM << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                + Float.intBitsToFloat(code[pc + 3]));
                        pc += 4;
                        continue dispatch;
                    case Op.F32_MUL_IMM << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                * Float.intBitsToFloat(code[pc + 3]));
                        pc += 4;
                        continue dispatch;
                    case Op.F64_ADD_IMM << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]])
                                + Double.longBitsToDouble(((long) code[pc + 4] << 32 | code[pc + 3] & 0xFFFF_FFFFL)));
                        pc += 5;
                        continue dispatch;
                    case Op.F64_MUL_IMM << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]])
                                * Double.longBitsToDouble(((long) code[pc + 4] << 32 | code[pc + 3] & 0xFFFF_FFFFL)));
                        pc += 5;
                        continue dispatch;
                    case Op.F64_MUL_ADD << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 4]])
                                + Double.longBitsToDouble(s[fp + code[pc + 2]]) * Double.longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 5;
                        continue dispatch;
                    case Op.F64_MUL_SUB << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 4]])
                                - Double.longBitsToDouble(s[fp + code[pc + 2]]) * Double.longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 5;
                        continue dispatch;
                    case Op.F32_MUL_ADD << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 4]])
                                + Float.intBitsToFloat((int) s[fp + code[pc + 2]]) * Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
                        pc += 5;
                        continue dispatch;
                    case Op.F32_MUL_SUB << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 4]])
                                - Float.intBitsToFloat((int) s[fp + code[pc + 2]]) * Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
                        pc += 5;
                        continue dispatch;
                    case Op.INC_BR_CMP_IMM << SPARSE:
                    case Op.INC_BR_CMP << SPARSE: {
                        int v = (int) s[fp + code[pc + 2]] + code[pc + 3];
                        s[fp + code[pc + 1]] = v;
                        int m = (int) (BR_CMP_OUTCOMES >>> (code[pc + 4] << 2));
                        int flip = m << 28 & Integer.MIN_VALUE;
                        int a = v ^ flip;
                        int b = (op == Op.INC_BR_CMP_IMM ? code[pc + 5] : (int) s[fp + code[pc + 5]]) ^ flip;
                        if ((m >> (a < b ? 0 : a == b ? 1 : 2) & 1) != 0) {
                            pc = code[pc + 6];
                            VarHandle.acquireFence();
                            if (self.debugFlags != 0) {
                                return (long) fp << 32 | pc | POLL_EXIT;
                            }
                        } else {
                            pc += 7;
                        }
                        continue dispatch;
                    }
                    case Op.BR_TABLE << SPARSE: {
                        int n = code[pc + 2];
                        int i = (int) s[fp + code[pc + 1]];
                        pc = code[pc + 3 + (Integer.compareUnsigned(i, n) < 0 ? i : n)];
                        continue dispatch;
                    }
                    case Op.SELECT << SPARSE:
                        if ((int) s[fp + code[pc + 3]] == 0) {
                            s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        }
                        pc += 4;
                        continue dispatch;
                    case Op.GLOBAL_GET << SPARSE:
                        VarHandle.acquireFence();
                        s[fp + code[pc + 1]] = self.inst.globals[code[pc + 2]].value;
                        pc += 3;
                        continue dispatch;
                    case Op.GLOBAL_SET << SPARSE:
                        VarHandle.acquireFence();
                        self.inst.globals[code[pc + 1]].value = s[fp + code[pc + 2]];
                        pc += 3;
                        continue dispatch;
                    case Op.CALL << SPARSE:
                    case Op.CALL_INDIRECT << SPARSE: {
                        VarHandle.acquireFence();
                        if (self.debugFlags != 0) {
                            code = self.pollCall(pc, fp);
                            pc = self.pollPc;
                        }
                        boolean direct = op == Op.CALL;
                        FunctionInstance callee = direct ? self.inst.functions[code[pc + 1]]
                                : SlowOps.indirectTarget(self.inst, code, pc, s, fp, self.emulateCasts);
                        int argFp = fp + code[pc + (direct ? 2 : 3)];
                        int resume = direct ? pc + 3 : self.indirectResume(callee, code, pc, fp, argFp);
                        s = self.stack; // adapting a cast may have grown the value stack
                        if (callee.outside) {
                            // -1 for a direct call, else the type index (op - CALL is 0 or 1): no branch that
                            // starts being taken when the first compiled callee is called indirectly.
                            int indirect = op - Op.CALL;
                            self.callOut(callee, fp, resume, argFp, code[pc + 1] & -indirect | indirect - 1);
                            s = self.stack;
                            mem = memoryOf(self.inst);
                            memSize = memorySize(self.inst);
                            code = self.afterCallOut(code, resume, fp);
                            pc = self.pollPc;
                            continue dispatch;
                        }
                        CompiledFunction cf = countedCompiled(callee);
                        if (self.depth >= self.maxDepth || argFp + cf.frameSize > s.length) {
                            self.enterCheck(cf, argFp, self.fn, pc);
                            s = self.stack;
                        }
                        self.pushFrame(self.fn, fp, resume);
                        if (cf.zeroTo > cf.paramCount) {
                            cf.initLocals(s, argFp);
                        }
                        self.fn = callee;
                        code = self.debugFlags != 0 ? self.codeFor(cf) : cf.code;
                        fp = argFp;
                        pc = 0;
                        self.inst = callee.instance;
                        mem = memoryOf(self.inst);
                        memSize = memorySize(self.inst);
                        continue dispatch;
                    }
                    case Op.RETURN1 << SPARSE:
                        s[fp] = s[fp + code[pc + 1]];
                        // fall through
                    case Op.RETURN << SPARSE: {
                        VarHandle.acquireFence();
                        if (self.depth == self.entryDepth) {
                            return -1;
                        }
                        self.depth--;
                        int resume = self.framePc[self.depth];
                        if (resume < 0) {
                            resume = CastEmulation.fixResults(self, self.fn, fp, self.depth, resume);
                            s = self.stack; // zero-filling may have grown the value self.stack
                        }
                        FunctionInstance fn = self.frameFn[self.depth];
                        self.fn = fn;
                        fp = self.frameFp[self.depth];
                        pc = resume;
                        code = fn.code.code;
                        self.inst = fn.instance;
                        mem = memoryOf(self.inst);
                        memSize = memorySize(self.inst);
                        if (self.debugFlags != 0) {
                            return (long) fp << 32 | pc | POLL_EXIT;
                        }
                        continue dispatch;
                    }
                    case 0x28 << SPARSE: case 0x2A << SPARSE: case 0x34 << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getInt(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 4));
                        pc += 5;
                        continue dispatch;
                    case 0x29 << SPARSE: case 0x2B << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getLong(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 8));
                        pc += 5;
                        continue dispatch;
                    case 0x2C << SPARSE: case 0x30 << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getByte(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 1));
                        pc += 5;
                        continue dispatch;
                    case 0x2D << SPARSE: case 0x31 << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getByte(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 1)) & 0xFF;
                        pc += 5;
                        continue dispatch;
                    case 0x2E << SPARSE: case 0x32 << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getShort(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 2));
                        pc += 5;
                        continue dispatch;
                    case 0x2F << SPARSE: case 0x33 << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getShort(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 2)) & 0xFFFF;
                        pc += 5;
                        continue dispatch;
                    case 0x35 << SPARSE:
                        s[fp + code[pc + 1]] = RawMemory.getInt(mem, ea((int) s[fp + code[pc + 2]] + code[pc + 4], code[pc + 3], memSize, 4)) & 0xFFFF_FFFFL;
                        pc += 5;
                        continue dispatch;
                    case 0x36 << SPARSE: case 0x38 << SPARSE: case 0x3E << SPARSE:
                        RawMemory.putInt(mem, ea((int) s[fp + code[pc + 1]] + code[pc + 4], code[pc + 3], memSize, 4), (int) s[fp + code[pc + 2]]);
                        pc += 5;
                        continue dispatch;
                    case 0x37 << SPARSE: case 0x39 << SPARSE:
                        RawMemory.putLong(mem, ea((int) s[fp + code[pc + 1]] + code[pc + 4], code[pc + 3], memSize, 8), s[fp + code[pc + 2]]);
                        pc += 5;
                        continue dispatch;
                    case 0x3A << SPARSE: case 0x3C << SPARSE:
                        RawMemory.putByte(mem, ea((int) s[fp + code[pc + 1]] + code[pc + 4], code[pc + 3], memSize, 1), (byte) s[fp + code[pc + 2]]);
                        pc += 5;
                        continue dispatch;
                    case 0x3B << SPARSE: case 0x3D << SPARSE:
                        RawMemory.putShort(mem, ea((int) s[fp + code[pc + 1]] + code[pc + 4], code[pc + 3], memSize, 2), (short) s[fp + code[pc + 2]]);
                        pc += 5;
                        continue dispatch;
                    // i32 comparisons
                    case 0x45 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == 0 ? 1L : 0L;
                        pc += 3;
                        continue dispatch;
                    case 0x46 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == (int) s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x47 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] != (int) s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x48 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] < (int) s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x49 << SPARSE:
                        s[fp + code[pc + 1]] = Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) < 0 ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x4A << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] > (int) s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x4B << SPARSE:
                        s[fp + code[pc + 1]] = Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) > 0 ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x4C << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] <= (int) s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x4D << SPARSE:
                        s[fp + code[pc + 1]] = Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) <= 0 ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x4E << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >= (int) s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x4F << SPARSE:
                        s[fp + code[pc + 1]] = Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) >= 0 ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    // i64 comparisons
                    case 0x50 << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == 0 ? 1L : 0L;
                        pc += 3;
                        continue dispatch;
                    case 0x51 << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    case 0x52 << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] != s[fp + code[pc + 3]] ? 1L : 0L;
                        pc += 4;
                        continue dispatch;
                    // f64 comparisons
                    // i32 arithmetic
                    case 0x67 << SPARSE:
                        s[fp + code[pc + 1]] = Integer.numberOfLeadingZeros((int) s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0x68 << SPARSE:
                        s[fp + code[pc + 1]] = Integer.numberOfTrailingZeros((int) s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0x69 << SPARSE:
                        s[fp + code[pc + 1]] = Integer.bitCount((int) s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0x6A << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x6B << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] - (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x6C << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x71 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x72 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x73 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x74 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x75 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x76 << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    // i64 arithmetic
                    case 0x79 << SPARSE:
                        s[fp + code[pc + 1]] = Long.numberOfLeadingZeros(s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0x7A << SPARSE:
                        s[fp + code[pc + 1]] = Long.numberOfTrailingZeros(s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0x7B << SPARSE:
                        s[fp + code[pc + 1]] = Long.bitCount(s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0x7C << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x7D << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] - s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x7E << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x83 << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x84 << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    case 0x85 << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]];
                        pc += 4;
                        continue dispatch;
                    // f64 arithmetic
                    case 0xA0 << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]]) + Double.longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0xA1 << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]]) - Double.longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0xA2 << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]]) * Double.longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0xA3 << SPARSE:
                        s[fp + code[pc + 1]] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[fp + code[pc + 2]]) / Double.longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0xA7 << SPARSE: case 0xAC << SPARSE:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
                        pc += 3;
                        continue dispatch;
                    case 0xAD << SPARSE:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0xFFFF_FFFFL;
                        pc += 3;
                        continue dispatch;
                    case 0x5B << SPARSE: case 0x5C << SPARSE: case 0x5D << SPARSE: case 0x5E << SPARSE: case 0x5F << SPARSE: case 0x60 << SPARSE:
                        s[fp + code[pc + 1]] = FloatOps.f32Compare(op, s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue dispatch;
                    case 0x92 << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                + Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0x93 << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                - Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0x94 << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                * Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0x95 << SPARSE:
                        s[fp + code[pc + 1]] = Float.floatToRawIntBits(Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                                / Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
                        pc += 4;
                        continue dispatch;
                    case 0x96 << SPARSE: case 0x97 << SPARSE: case 0x98 << SPARSE: case 0xA4 << SPARSE: case 0xA5 << SPARSE: case 0xA6 << SPARSE:
                        s[fp + code[pc + 1]] = FloatOps.binary(op, s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue dispatch;
                    case 0x8B << SPARSE: case 0x8C << SPARSE: case 0x8D << SPARSE: case 0x8E << SPARSE: case 0x8F << SPARSE: case 0x90 << SPARSE: case 0x91 << SPARSE:
                    case 0x99 << SPARSE: case 0x9A << SPARSE: case 0x9B << SPARSE: case 0x9C << SPARSE: case 0x9D << SPARSE: case 0x9E << SPARSE: case 0x9F << SPARSE:
                        s[fp + code[pc + 1]] = FloatOps.rounding(op, s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case 0xA8 << SPARSE: case 0xA9 << SPARSE: case 0xAA << SPARSE: case 0xAB << SPARSE: case 0xAE << SPARSE: case 0xAF << SPARSE: case 0xB0 << SPARSE: case 0xB1 << SPARSE:
                    case 0xB2 << SPARSE: case 0xB3 << SPARSE: case 0xB4 << SPARSE: case 0xB5 << SPARSE: case 0xB6 << SPARSE: case 0xB7 << SPARSE: case 0xB8 << SPARSE: case 0xB9 << SPARSE: case 0xBA << SPARSE:
                    case 0xBB << SPARSE: case 0xBC << SPARSE: case 0xBD << SPARSE: case 0xBE << SPARSE: case 0xBF << SPARSE: case 0xC0 << SPARSE: case 0xC1 << SPARSE: case 0xC2 << SPARSE: case 0xC3 << SPARSE:
                    case 0xC4 << SPARSE: case 0xE0 << SPARSE: case 0xE1 << SPARSE: case 0xE2 << SPARSE: case 0xE3 << SPARSE: case 0xE4 << SPARSE: case 0xE5 << SPARSE: case 0xE6 << SPARSE: case 0xE7 << SPARSE:
                        s[fp + code[pc + 1]] = FloatOps.unary(op, s[fp + code[pc + 2]]);
                        pc += 3;
                        continue dispatch;
                    case Op.BREAK << SPARSE:
                        op = self.breakOp;
                        if (op < 0) {
                            return (long) fp << 32 | pc;
                        }
                        self.breakOp = -1;
                        // The hook left these so (Unwinder.run entered here with them): read back, they keep the
                        // inner loop what it was when the hook ran in it (invariant pc, code and s in that loop cost
                        // the plain interpreter a slower JIT state more often).
                        pc = self.pollPc;
                        code = self.pollCode;
                        s = self.stack;
                        continue;
                    case Op.UNREACHABLE << SPARSE:
                        throw new TrapSignal(TrapKind.UNREACHABLE, new TrapDetail.None());
                    default:
                        // A ColdOps opcode first reached late costs a recompile here (this test's untaken side);
                        // sending them through SlowOps instead costs every one of them the reloads below.
                        if (op < 0x20 || (op >= 0x53 && op <= 0x8A)) {
                            if (op < 0) {
                                // A recording's counted block start (BlockCounts.countOp), tested here so that the
                                // opcodes 0x53-0x8A pay no compare for it: the block's count comes off the budget
                                // without leaving the loop; once it would pass what the recording waits for (a
                                // snapshot, a landing), the loop leaves as at a BREAK.
                                op = self.countBlock(op);
                                if (op < 0) {
                                    return (long) fp << 32 | pc;
                                }
                                continue;
                            }
                            pc = ColdOps.exec(op, s, code, fp, pc);
                            continue dispatch;
                        }
                        pc = SlowOps.exec(op, self, code, pc, s, fp);
                        s = self.stack;
                        mem = memoryOf(self.inst);
                        memSize = memorySize(self.inst);
                        continue dispatch;
                }
                }
            }
        } catch (TrapSignal signal) {
            throw Traps.signalled(self, self.fn, signal, pc, fp);
        } catch (JitUnwind unwind) {
            throw Traps.unwound(self, unwind, pc, fp);
        } catch (IndexOutOfBoundsException e) {
            throw Traps.outOfBounds(self, self.fn, e, code, pc, fp);
        }
    }

    /**
     * A counted block start's count comes off {@link #blockBudget}; returns the opcode to run, or -1 for the loop to
     * leave as at a {@code BREAK} (a method of its own, inlined, to keep {@link #run} small).
     */
    private int countBlock(int op) {
        VarHandle.acquireFence();
        long left = blockBudget - (op >>> BlockCounts.COUNTED_SHIFT & BlockCounts.COUNTED_MAX);
        if (left >= 0) {
            blockBudget = left;
        } else if (breakOp < 0) {
            return -1;
        } else {
            breakOp = -1;
        }
        return op & BlockCounts.COUNTED_OP;
    }

    /**
     * The dispatch loop left at a {@code BREAK} of the running frame: lets the debugger count or stop there, and
     * returns the opcode to run in its place, at {@link #pollPc} on {@link #pollCode}. Exceptions are converted as
     * those of the loop's instructions are.
     */
    int onBreak(int pc, int fp) {
        try {
            return debug.onBreak(fn, pc, fp);
        } catch (TrapSignal signal) {
            throw Traps.signalled(this, fn, signal, pc, fp);
        } catch (JitUnwind unwind) {
            throw Traps.unwound(this, unwind, pc, fp);
        }
    }

    /**
     * The loop is entered again at a counted block start whose block the hook counted already (see
     * {@link Unwinder#run}): the start must not count it twice. With budget left it gives back what the start will
     * take; with none, the start would leave again, so it runs {@code op} the way a {@code BREAK} does.
     */
    void reenterCounted(int countOp, int op) {
        if (blockBudget >= 0) {
            blockBudget += BlockCounts.countOf(countOp);
        } else {
            breakOp = op;
        }
    }

    /**
     * The dispatch loop left at a poll point (a taken back-edge or a return, pc already the next instruction's) with
     * a debug flag set: polls there, and returns the code the frame goes on with at {@link #pollPc}. Exceptions are
     * converted as those of the loop's instructions are.
     */
    int[] pollOutside(int pc, int fp) {
        Recording r = store.recording;
        if (r != null) {
            r.arrived(fn, pc, depth + jitDepth);
        }
        try {
            return pollLanding(pc, fp);
        } catch (TrapSignal signal) {
            throw Traps.signalled(this, fn, signal, pc, fp);
        } catch (JitUnwind unwind) {
            throw Traps.unwound(this, unwind, pc, fp);
        }
    }

    /** Frames below this depth belong to outer runs (a host function called back into Wasm). */
    int entryDepth() {
        return entryDepth;
    }

    DebugSupport debug() {
        return debug;
    }

    /** The instance of the running function, for the instructions run outside the dispatch method. */
    Instance instance() {
        return inst;
    }
}
