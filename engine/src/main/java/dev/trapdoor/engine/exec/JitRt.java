package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.compile.EntryIds;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What compiled code calls: frame entry and exit, call linking, the bridges to the interpreter and to host
 * functions, trap-site handling, and the instructions that reach the instance. Generated classes are hidden classes
 * in this package, so these package-private methods are theirs to call; the rare instructions reuse the interpreter's
 * helpers so both tiers behave and trap alike.
 */
final class JitRt {
    private JitRt() {
    }

    /** {@code -Dtrapdoor.jit.countCrossings=true}: chunk loops count their passes (see {@link Crossings}). */
    static final boolean COUNT_CROSSINGS = Boolean.getBoolean("trapdoor.jit.countCrossings");
    static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    static final MethodType ENTRY = MethodType.methodType(void.class, int.class);
    private static final MethodHandle INTERPRET;
    private static final MethodHandle CALL_HOST;

    /**
     * The classes that turn a {@code StackOverflowError} into a trap, ready before any compiled code runs: that
     * handling runs at the innermost frame with almost no stack left, and a class whose initializer overflowed
     * there would stay unusable for the JVM's life (every later trap a {@code NoClassDefFoundError}: seen in a test
     * JVM whose first use of {@code TrapKind} was such a trap).
     */
    static final Class<?>[] STACK_OVERFLOW_PATH = {TrapKind.CALL_STACK_EXHAUSTED.getDeclaringClass(), JitUnwind.class,
            TrapDetail.StackExhausted.class, dev.trapdoor.engine.trap.WasmFrame.class, CapturedFrame.class};

    static {
        try {
            INTERPRET = LOOKUP.findStatic(JitRt.class, "interpret",
                    MethodType.methodType(void.class, FunctionInstance.class, int.class));
            CALL_HOST = LOOKUP.findStatic(JitRt.class, "callHost", MethodType.methodType(void.class,
                    FunctionInstance.class, FunctionInstance.class, int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ----- frames -----

    static void enter(JitContext c, int fp) {
        enterFrame(c, fp);
        if (c.zeroSlots.length != 0) {
            zeroLocals(c, c.in.stack, fp);
        }
    }

    /** Sets the declared locals the function's entry must set ({@link JitContext#zeroSlots}) in the frame at fp. */
    static void zeroLocals(JitContext c, long[] s, int fp) {
        for (int x : c.zeroSlots) {
            s[fp + x] = 0L;
        }
        if (c.refLocals != null) {
            for (int x : c.refLocals) {
                s[fp + x] = Values.NULL_REF;
            }
        }
    }

    /** Counts the frame and makes room for it; the frame's contents are the caller's business. */
    static void enterFrame(JitContext c, int fp) {
        Interpreter in = c.in;
        // jitDepth counts running compiled frames, the interpreter's depth only saved ones: the new frame's caller
        // is saved in the interpreter's terms, so the limit is one more than maxDepth.
        int depth = in.depth + ++in.jitDepth;
        if (depth > in.maxDepth + 1 || fp + c.frameSize > in.stack.length) {
            enterSlow(c, fp);
        }
    }

    /**
     * {@link #enterFrame} of a typed entry. Typed frames are not counted in {@code jitDepth}: each gets its depth
     * slack as an argument instead ({@code maxDepth + 1} less the frames below it and itself; it traps below 0, where
     * {@link #enterFrame} would), which costs no memory traffic per call. Where a typed frame hands control to code
     * that reads the counters ({@link #viaStack}, {@link #exitTyped}), the counters are set from the slack first.
     *
     * <p>A frame that ends within the value stack's first length ({@link Interpreter#INITIAL_SLOTS}, a constant: the
     * stack never gets shorter, growth copies it and an on-stack replacement hands back an array it held before)
     * needs no look at the stack, so the common call compares two registers with constants and loads nothing.
     * Beyond it the stack's length decides as it always did, so the trap is the same at the same call.
     */
    static void enterTyped(Interpreter in, int fp, int frameSize, int slack) {
        if (TypedEntryCheck.SPLIT) {
            TypedEntryCheck.split(in, fp, frameSize, slack);
        } else {
            TypedEntryCheck.joined(in, fp, frameSize, slack);
        }
    }

    /** The depth slack of a typed callee of a frame the counters hold (a chunk's). */
    static int slack(Interpreter in) {
        return in.maxDepth - in.depth - in.jitDepth;
    }

    /**
     * A typed entry of a function of several chunks ({@code compile.ChunkedTypedEntry}), past its checks: its frame and
     * the frames below it count as compiled ones from here on, since its chunks read the counters. Answers the old
     * count, which the entry restores on its way out.
     */
    static int countChunkedFrame(Interpreter in, int slack) {
        return countTypedFrames(in, slack - 1);
    }

    /** Counts the frames a typed callee of slack {@code slack} has below it as compiled ones; answers the old count. */
    static int countTypedFrames(Interpreter in, int slack) {
        int saved = in.jitDepth;
        in.jitDepth = in.maxDepth - slack - in.depth;
        return saved;
    }

    private static void enterSlow(JitContext c, int fp) {
        enterSlow(c.in, fp, c.frameSize);
    }

    private static void enterSlow(Interpreter in, int fp, int frameSize) {
        long slots = (long) fp + frameSize;
        if (in.depth + in.jitDepth > in.maxDepth + 1 || slots > in.maxSlots) {
            in.jitDepth--;
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, new TrapDetail.StackExhausted(
                    in.depth + in.jitDepth - 1, in.maxDepth, slots, in.maxSlots));
        }
        in.ensureStack((int) slots);
    }

    static void leave(JitContext c) {
        c.in.jitDepth--;
    }

    /**
     * Runs chunks after the first until the function returns; each hands the next its entry id. A chunk also exits
     * at a loop header when the store asked compiled frames to leave (a debugger attached, an interrupt): the frame
     * then goes on in the interpreter from that header.
     */
    static void runChunks(JitContext c, int fp, int entry) throws Throwable {
        if (c.runLoop != null) {
            c.runLoop.invokeExact(fp, entry);
            return;
        }
        MethodHandle[] chunks = c.chunks;
        while (entry >= 0) {
            if (COUNT_CROSSINGS) {
                crossing(c, entry);
            }
            if (leaving(c, fp, entry)) {
                return;
            }
            int chunk = c.chunkOf(entry);
            if (chunk < 0) {
                stray(c, fp, entry);
                return;
            }
            entry = (int) chunks[chunk].invokeExact(fp, entry);
        }
    }

    /** A chunk loop compiled to count its crossings (see {@link Crossings}) calls this before each chunk. */
    static void crossing(JitContext c, int entry) {
        Crossings.count(c, entry);
    }

    /** A generated chunk loop's check before each chunk: whether the frame moved into the interpreter instead. */
    static boolean leaving(JitContext c, int fp, int entry) {
        return c.fn.store.leaveCompiled && leavingAt(c, fp, c.idOf(entry));
    }

    private static boolean leavingAt(JitContext c, int fp, int id) {
        return (EntryIds.isLoop(id) || EntryIds.isAfterCall(id)) && deoptimize(c, fp, id);
    }

    /**
     * An exit id no chunk takes: a poll's exit after a call whose frame found the store's switch off again by the
     * time the chunk loop looked. The frame goes on in the interpreter all the same (that is always correct).
     */
    static void stray(JitContext c, int fp, int exit) {
        int entry = c.idOf(exit);
        if (!EntryIds.isAfterCall(entry)) {
            throw badEntry(entry);
        }
        deoptimize(c, fp, entry);
    }

    /**
     * Moves the frame at {@code fp}, whose slots the chunk spilled, into the interpreter at the header of the loop
     * that {@code entry} names (or right after the call it names), and runs it there to its return.
     */
    private static boolean deoptimize(JitContext c, int fp, int entry) {
        int pc = EntryIds.isAfterCall(entry) ? CapturedFrame.afterCallPc(c.fn, EntryIds.moduleOffset(entry))
                : Interpreter.compiled(c.fn).loopPc(EntryIds.moduleOffset(entry));
        if (pc < 0) {
            // Both tiers translate the same live loops and calls; re-entering would only exit here again.
            throw new IllegalStateException("the interpreter has no place for entry 0x" + Integer.toHexString(entry)
                    + " (module offset 0x" + Integer.toHexString(EntryIds.moduleOffset(entry)) + ")");
        }
        Interpreter in = c.in;
        if (in.debug() != null) {
            pc = in.debug().bridging(c.fn, pc, fp, EntryIds.isAfterCall(entry));
        }
        // The frame stops being a compiled one: the interpreter counts it as its running frame instead.
        in.jitDepth--;
        in.runBridged(c.fn, fp, pc);
        in.jitDepth++;
        return true;
    }

    /** Bootstrap of the poll at each loop header: the store's switch, constant false until frames must leave. */
    static CallSite poll(MethodHandles.Lookup caller, String name, MethodType type) throws IllegalAccessException {
        JitContext c = MethodHandles.classData(caller, "_", JitContext.class);
        return c.fn.store.pollSite();
    }

    /** Calls a compiled entry from Java code that cannot declare {@code Throwable}. */
    static void callCompiled(MethodHandle entry, int fp) {
        try {
            entry.invokeExact(fp);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Which distinct target big br_table {@code table} takes for {@code index} (out of range: the default). */
    static int brTarget(int index, JitContext c, int table) {
        int[] map = c.brTables[table];
        return map[Integer.compareUnsigned(index, map.length - 1) < 0 ? index : map.length - 1];
    }

    /** Runs the function from entry {@code entry} with its frame at {@code fp} until it returns (OSR). */
    static void runFrom(JitContext c, int fp, int entry) {
        enterFrame(c, fp);
        try {
            runChunks(c, fp, c.exitOf(entry));
            leave(c);
            // A tail call the frame made runs in its place before the interpreter takes the results.
            JitTailCalls.finish(c, fp);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static RuntimeException badEntry(int id) {
        return new IllegalStateException("compiled code has no entry 0x" + Integer.toHexString(id));
    }

    // ----- calls -----

    /** Bootstrap of a direct call's {@code invokedynamic}: the callee's call site, or a host bridge. */
    static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, int funcIndex, int moduleOffset)
            throws IllegalAccessException {
        JitContext c = MethodHandles.classData(caller, "_", JitContext.class);
        FunctionInstance f = c.inst.functions[funcIndex];
        if (f.host != null) {
            return new ConstantCallSite(MethodHandles.insertArguments(CALL_HOST, 0, f, c.fn, moduleOffset));
        }
        return siteOf(f);
    }

    /** The call site of a Wasm function: the interpreter until it is compiled, its compiled entry after. */
    static CallSite siteOf(FunctionInstance f) {
        CallSite s = f.site;
        if (s == null) {
            synchronized (f) {
                s = f.site;
                if (s == null) {
                    MethodHandle jit = f.jit;
                    s = new java.lang.invoke.MutableCallSite(
                            jit != null ? jit : MethodHandles.insertArguments(INTERPRET, 0, f));
                    // The invoker first: a thread that sees the site without the lock must see its invoker too.
                    f.invoker = s.dynamicInvoker();
                    f.site = s;
                }
            }
        }
        return s;
    }

    /** Bootstrap of a typed direct call ({@link dev.trapdoor.engine.compile.TypedCalls}). */
    static CallSite linkTyped(MethodHandles.Lookup caller, String name, MethodType type, int funcIndex,
                              int moduleOffset) throws IllegalAccessException {
        JitContext c = MethodHandles.classData(caller, "_", JitContext.class);
        FunctionInstance f = c.inst.functions[funcIndex];
        if (f.host != null) {
            return new ConstantCallSite(viaStack(MethodHandles.insertArguments(CALL_HOST, 0, f, c.fn, moduleOffset),
                    f));
        }
        return typedSiteOf(f);
    }

    /**
     * The typed call site of a Wasm function: its typed entry once compiled with one, else an adapter that puts the
     * arguments into the value stack and calls through {@link #siteOf} (the interpreter, or a compiled function of
     * several chunks).
     */
    static java.lang.invoke.MutableCallSite typedSiteOf(FunctionInstance f) {
        java.lang.invoke.MutableCallSite s = f.typedSite;
        if (s == null) {
            synchronized (f) {
                s = f.typedSite;
                if (s == null) {
                    MethodHandle typed = f.typedJit;
                    s = new java.lang.invoke.MutableCallSite(typed != null ? typed : viaStack(invokerOf(f), f));
                    f.typedInvoker = s.dynamicInvoker();
                    f.typedSite = s;
                }
            }
        }
        return s;
    }

    private static final MethodHandle VIA_STACK;

    static {
        try {
            VIA_STACK = LOOKUP.findStatic(JitRt.class, "viaStack", MethodType.methodType(long.class,
                    MethodHandle.class, Interpreter.class, int.class, int.class, int.class, long[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Adapts {@code untyped}, a {@code (int fp)void} call of {@code f}, to {@code f}'s typed convention. */
    static MethodHandle viaStack(MethodHandle untyped, FunctionInstance f) {
        int n = f.type.paramCount();
        MethodHandle h = StackAdapters.forArity(n);
        if (h != null) {
            h = MethodHandles.insertArguments(h, 0, untyped, f.store.interpreter(), f.type.resultCount());
        } else {
            h = MethodHandles.insertArguments(VIA_STACK, 0, untyped, f.store.interpreter(), f.type.resultCount());
            h = h.asCollector(long[].class, n);
        }
        return dev.trapdoor.engine.compile.TypedCalls.SHORT ? h
                : MethodHandles.dropArguments(h, 2, long[].class, long.class, int.class);
    }

    private static long viaStack(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long[] args)
            throws Throwable {
        // The arguments were the caller's operands, so the caller's frame already holds their slots.
        System.arraycopy(args, 0, in.stack, fp, args.length);
        // The callee (the interpreter, a host function, a function of chunks) counts its frame on the counters.
        int saved = countTypedFrames(in, slack);
        try {
            untyped.invokeExact(fp);
        } finally {
            in.jitDepth = saved;
        }
        return results == 0 ? 0L : in.stack[fp];
    }

    /**
     * A typed {@code call_indirect}: checks element {@code element} of the table against type {@code typeIndex} (the
     * same traps as the interpreter) and answers what to invoke with the typed arguments.
     */
    static MethodHandle typedTarget(JitContext c, int typeIndex, int tableIndex, int element, int moduleOffset) {
        FunctionInstance callee = SlowOps.indirectTarget(c.inst, typeIndex, tableIndex, element, false);
        if (callee.host != null) {
            // One adapter per host function serves every call site: the site names itself here.
            c.in.indirectCaller = c.fn;
            c.in.indirectOffset = moduleOffset;
            MethodHandle h = callee.typedHostAdapter;
            if (h == null) {
                h = viaStack(MethodHandles.insertArguments(CALL_HOST_INDIRECT, 0, callee), callee);
                callee.typedHostAdapter = h;
            }
            return h;
        }
        MethodHandle typed = callee.typedJit;
        if (typed != null) {
            return typed;
        }
        typedSiteOf(callee);
        return callee.typedInvoker;
    }

    /** A host call through {@link #typedTarget}, from the call site that named itself there. */
    static void callHostIndirect(FunctionInstance f, int argFp) {
        Interpreter in = f.store.interpreter();
        callHost(f, in.indirectCaller, in.indirectOffset, argFp);
    }

    private static final MethodHandle CALL_HOST_INDIRECT;

    static {
        try {
            CALL_HOST_INDIRECT = LOOKUP.findStatic(JitRt.class, "callHostIndirect",
                    MethodType.methodType(void.class, FunctionInstance.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A typed entry's frame left its code at {@code entry} (a poll): its chunk runs it to the return. */
    static long exitTyped(JitContext c, int fp, int entry, int slack) throws Throwable {
        Interpreter in = c.in;
        // The frame goes on as a chunk's, which the counters hold: this one too, so one less slack than its callees.
        int saved = countTypedFrames(in, slack - 1);
        try {
            runChunks(c, fp, entry);
        } finally {
            in.jitDepth = saved;
        }
        return c.fn.type.resultCount() == 0 ? 0L : in.stack[fp];
    }

    /** What calls {@code f} through its call site, whichever tier it runs in. */
    static MethodHandle invokerOf(FunctionInstance f) {
        siteOf(f);
        return f.invoker;
    }

    /** Points every call of {@code f} at the interpreter again (a debugger attached). */
    static void resetToInterpreter(FunctionInstance f) {
        CallSite s = f.site;
        if (s != null) {
            ((java.lang.invoke.MutableCallSite) s).setTarget(MethodHandles.insertArguments(INTERPRET, 0, f));
        }
        f.typedJit = null;
        java.lang.invoke.MutableCallSite typed = f.typedSite;
        if (typed != null) {
            typed.setTarget(viaStack(invokerOf(f), f));
        }
    }

    static void interpret(FunctionInstance f, int fp) {
        f.store.interpreter().runBridged(f, fp);
    }

    /** A host call from compiled code at {@code moduleOffset} of {@code caller}. */
    static void callHost(FunctionInstance f, FunctionInstance caller, int moduleOffset, int argFp) {
        Interpreter in = f.store.interpreter();
        int savedSp = in.sp;
        dev.trapdoor.engine.trap.WasmFrame savedCaller = in.jitCaller;
        // Nothing of the compiled caller lives above its arguments: a host that calls back into Wasm starts there.
        in.sp = argFp + Math.max(f.type.paramCount(), f.type.resultCount());
        in.jitCaller = new dev.trapdoor.engine.trap.WasmFrame(caller.funcIndex, caller.name(), moduleOffset);
        try {
            HostCalls.fromWasm(in, f, caller.instance, argFp, -1);
        } finally {
            in.sp = savedSp;
            in.jitCaller = savedCaller;
        }
    }

    static void callIndirect(JitContext c, int typeIndex, int tableIndex, int element, int argFp, int moduleOffset)
            throws Throwable {
        FunctionInstance callee = SlowOps.indirectTarget(c.inst, typeIndex, tableIndex, element, c.emulateCasts);
        if (c.emulateCasts && callee.typeId != c.inst.typeIds[typeIndex]) {
            adaptedCall(c, callee, c.inst.module.types().get(typeIndex), argFp, moduleOffset);
            return;
        }
        if (callee.host != null) {
            callHost(callee, c.fn, moduleOffset, argFp);
            return;
        }
        MethodHandle invoker = callee.invoker;
        if (invoker == null) {
            siteOf(callee);
            invoker = callee.invoker;
        }
        invoker.invokeExact(argFp);
    }

    /**
     * Function-pointer-cast emulation in compiled code: as in the interpreter ({@link CastEmulation}), parameters the
     * caller did not pass and results the callee did not produce read as zero.
     */
    private static void adaptedCall(JitContext c, FunctionInstance callee, dev.trapdoor.engine.model.FuncType expected,
                                    int argFp, int moduleOffset) throws Throwable {
        Interpreter in = c.in;
        int given = expected.paramCount();
        int wanted = callee.type.paramCount();
        in.ensureStack(argFp + Math.max(Math.max(given, wanted), expected.resultCount()) + 1);
        if (wanted > given) {
            java.util.Arrays.fill(in.stack, argFp + given, argFp + wanted, 0L);
        }
        if (callee.host != null) {
            callHost(callee, c.fn, moduleOffset, argFp);
        } else {
            invokerOf(callee).invokeExact(argFp);
        }
        CastEmulation.zeroMissingResults(in, argFp, callee.type.resultCount(), expected.resultCount());
    }

    // ----- traps -----

    /**
     * A site's handler: {@code t} was thrown by the instruction at site {@code site} (or by a callee, for a call
     * site). Returns what to throw on: a {@link JitUnwind} that now includes this frame, or {@code t} itself when it is
     * not a trap (a WASI exit, say).
     */
    static Throwable trap(Throwable t, long operand, int site, JitContext c, int fp) {
        int moduleOffset = c.siteOffsets[site];
        if (t instanceof JitUnwind u) {
            if (u.compiledTop && u.jitDepthAtThrow < 0) {
                // The throwing frame itself: it still counts as running.
                u.jitDepthAtThrow = c.in.jitDepth;
            }
            u.add(c.fn, moduleOffset);
            capture(u, c, site, moduleOffset, fp);
            return u;
        }
        if (t instanceof WasmThrow ex) {
            // A Wasm exception from a callee (a host function, an interpreter run): it lands in the interpreter.
            JitUnwind u = JitUnwind.compiledDeoptimization(ex);
            u.carry(ex, c.in.jitDepth);
            u.add(c.fn, moduleOffset);
            capture(u, c, site, moduleOffset, fp);
            return u;
        }
        JitUnwind u;
        if (t instanceof TrapSignal s) {
            TrapDetail detail = s.detail instanceof TrapDetail.IndirectCall ic
                    ? ic.withCaller(c.fn.funcIndex, moduleOffset) : s.detail;
            u = new JitUnwind(s.kind, detail);
        } else if (t instanceof IndexOutOfBoundsException && Op.isAccess(c.siteOps[site])) {
            u = new JitUnwind(TrapKind.MEMORY_OUT_OF_BOUNDS, accessDetail(c, site, operand));
        } else if (t instanceof StackOverflowError) {
            Interpreter in = c.in;
            u = new JitUnwind(TrapKind.CALL_STACK_EXHAUSTED, new TrapDetail.StackExhausted(in.depth + in.jitDepth,
                    in.maxDepth, -1, in.maxSlots));
        } else {
            return t;
        }
        u.add(c.fn, moduleOffset);
        DebugSupport debug = c.in.debug();
        if (debug != null && debug.handler() != null) {
            u.captured = new java.util.ArrayList<>();
        }
        capture(u, c, site, moduleOffset, fp);
        return u;
    }

    private static void capture(JitUnwind u, JitContext c, int site, int moduleOffset, int fp) {
        if (u.captured != null) {
            u.lastSlots = u.captureCompiled(c.fn, moduleOffset, c.in.stack, fp, c.frameSize,
                    site < c.typedSitesFrom);
        }
    }

    /**
     * A site's handler: what {@link #trap} makes of {@code t} is thrown at once, unless a debugger waits for the trap:
     * then it waits in the context for {@link #pendingOrCaught}, and this returns the frame copy the handler fills from
     * its JVM locals first. (Throwing here rather than in the handler keeps every handler's tail a few bytes shorter,
     * which counts where a method's size decides whether C2 inlines it.)
     */
    static long[] trapBuffer(Throwable t, long operand, int site, JitContext c, int fp) throws Throwable {
        Throwable thrown = trap(t, operand, site, c, fp);
        c.pendingFp = fp;
        if (thrown instanceof JitUnwind u && u.captured != null) {
            c.pendingTrap = thrown;
            return u.lastSlots;
        }
        throw thrown;
    }

    /** What {@link #trapBuffer} left waiting, taken. */
    private static Throwable pendingTrap(JitContext c) {
        Throwable t = c.pendingTrap;
        c.pendingTrap = null;
        return t;
    }

    /**
     * A site's handler, part two once the frame is copied: what to throw on, or null when this frame caught the Wasm
     * exception and ran the rest of its activation in the interpreter ({@link JitExceptions#catchHere}); its chunk
     * then returns as the function does, its results in the value stack.
     */
    static Throwable pendingOrCaught(JitContext c) {
        Throwable t = pendingTrap(c);
        return t instanceof JitUnwind u && JitExceptions.catchHere(u, c, c.pendingFp) ? null : t;
    }

    /** A typed entry's return after {@link #pendingOrCaught} caught: its result from the value stack. */
    static long caughtTyped(JitContext c) {
        // (A typed entry is not counted in jitDepth: nothing to count out.)
        return c.fn.type.resultCount() == 0 ? 0L : c.in.stack[c.pendingFp];
    }

    private static TrapDetail accessDetail(JitContext c, int site, long operand) {
        int op = c.siteOps[site];
        boolean store = op >= 0x36 && op <= 0x3E;
        long base = operand & 0xFFFF_FFFFL;
        long offset = c.siteMemOffset[site] & 0xFFFF_FFFFL;
        int width = switch (op) {
            case 0x29, 0x2B, 0x37, 0x39 -> 8;
            case 0x2C, 0x2D, 0x30, 0x31, 0x3A, 0x3C -> 1;
            case 0x2E, 0x2F, 0x32, 0x33, 0x3B, 0x3D -> 2;
            default -> 4;
        };
        return new TrapDetail.MemoryAccess(store, base + offset, base, offset, width, c.mem0.size);
    }

    static RuntimeException unreachable() {
        return new TrapSignal(TrapKind.UNREACHABLE, new TrapDetail.None());
    }

    /** {@code ref.as_non_null} of a null reference. */
    static RuntimeException nullReference() {
        return new TrapSignal(TrapKind.NULL_REFERENCE, new TrapDetail.None());
    }
}
