package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns every function instance (so a {@code funcref} is an index into one list), the canonical ids of function types
 * (so {@code call_indirect} compares two ints), and the interpreter's stacks. Not thread-safe: one thread runs a
 * store's code at a time.
 */
public final class Store {
    final EngineConfig config;
    /** What this store's memories may reserve: {@link EngineConfig#maxMemory}, and a server's budget when shared. */
    final MemoryBudget memoryBudget;
    private final List<FunctionInstance> functions = new ArrayList<>();
    /** Canonical type ids ({@code validate.TypeGroups}) and each id's declared supertype's id (-1 for none). */
    private final Map<Object, Integer> typeIds = new HashMap<>();
    private final GcHeap gcHeap;
    /**
     * The memories this store's instances defined: {@link #releaseMemories} frees them, and until then they stay
     * reachable with the store, so their Cleaners cannot free storage that code running on the store still reads.
     */
    private final List<MemoryInstance> memories = new ArrayList<>();
    /** By canonical id: the type (see {@link #typeDef}). */
    private final java.util.List<FuncType> typeDefs = new java.util.ArrayList<>();
    private final java.util.List<Integer> superIds = new java.util.ArrayList<>();
    private final Interpreter interpreter;
    /**
     * Volatile, and read without the store's lock by {@link #hasDebugger}: the compiler thread asks while it holds a
     * function's lock, and {@link #debugger()} takes the store's lock and then each function's.
     */
    private volatile Debugger debugger;
    /**
     * Set for good once the debugger needs the interpreter (a breakpoint, a step, a pause, an exact translation):
     * breakpoints and steps act on the interpreter's code. A debugger that only waits for traps keeps compiled code.
     */
    private volatile boolean jitDisabled;
    /**
     * What the poll at every compiled loop header calls: constant false, so C2 folds the poll away, until compiled
     * frames must move into the interpreter. Switching it makes the JVM deoptimize the code that inlined it. Made by
     * the first compiled code that links it ({@link #pollSite()}): a store that never compiles (a short run, the
     * interpreter tier) skips the method-handle set-up, ~2 ms of a hello-world's start. Guarded by this store.
     */
    private java.lang.invoke.MutableCallSite pollSite;
    /** Compiled frames leave at their next loop header and go on in the interpreter. */
    volatile boolean leaveCompiled;
    /** The debugger's recording, which logs and replays host calls ({@link HostCalls}), or null. */
    volatile Recording recording;
    volatile HostCallListener[] hostCallListeners = new HostCallListener[0];
    /** Exceptions a handler took as an {@code exnref}, and what legacy catches hold for their rethrow. */
    final ExnRefs exnRefs = new ExnRefs();

    public Store() {
        this(EngineConfig.DEFAULT);
    }

    public Store(EngineConfig config) {
        this(config, null);
    }

    /**
     * A store whose memories are charged to its own budget of {@link EngineConfig#maxMemory} and also to
     * {@code shared} (a server's budget for all its sessions; null for none).
     */
    public Store(EngineConfig config, MemoryBudget shared) {
        this.config = config;
        this.memoryBudget = new MemoryBudget(config.maxMemory(), shared);
        this.gcHeap = new GcHeap(memoryBudget);
        this.interpreter = new Interpreter(this);
        if (config.tier() == Tier.TIERED) {
            Tiering.sample(interpreter);
        }
    }

    /**
     * The countdown a new function starts with under {@code config}. Here, not in {@link Tiering}: loading that
     * class starts its sampler thread, which only a tiered store needs.
     */
    static int initialHotness(EngineConfig config) {
        return config.tier() == Tier.TIERED ? Math.max(1, config.tierUpThreshold()) : 0;
    }

    public EngineConfig config() {
        return config;
    }

    /** The budget this store's memories are charged to; {@link #releaseMemories} once the store is done. */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    synchronized void track(MemoryInstance memory) {
        memories.add(memory);
    }

    /**
     * Frees the native storage of every memory this store's instances defined and gives their bytes back to the
     * budget's parent. Only for an owner that knows no code runs on the store and none will: a memory freed here has
     * size 0, so a later access traps, but one that was already past its bounds check would touch freed memory.
     */
    public void releaseMemories() {
        List<MemoryInstance> done;
        synchronized (this) {
            done = List.copyOf(memories);
            memories.clear();
        }
        for (MemoryInstance m : done) {
            m.free();
        }
        memoryBudget.releaseAll();
    }

    /**
     * The store's debugger, created on first use; until then the interpreter has no debug hooks at all. Compiled
     * code stays in use until the debugger asks for something only the interpreter does ({@link #interpreterOnly}).
     */
    public synchronized Debugger debugger() {
        if (debugger == null) {
            debugger = new Debugger(interpreter);
            if (config.emulateFunctionPointerCasts()) {
                // Every adapted call is an event, which only the interpreter's call sites report.
                interpreterOnly();
            }
            recompileWithEveryLocal();
        }
        return debugger;
    }

    /** Whether a debugger exists: compiled code then keeps every local's value where the debugger can see it. */
    boolean hasDebugger() {
        return debugger != null;
    }

    /**
     * Code whose chunk crossings move only live locals would show a debugger stale values in dead ones (and code
     * whose trap handlers store no pending values, stale operands at a trap): such functions go back to the
     * interpreter and compile again, this time moving every local. A typed entry with bare call sites is swapped
     * while the rest of its code stays ({@link BareSwap}).
     */
    private void recompileWithEveryLocal() {
        if (jitDisabled) {
            return;
        }
        for (FunctionInstance f : functions) {
            boolean dropped = false;
            boolean swapped;
            JitContext c;
            synchronized (f) {
                c = f.jitContext;
                if (f.jit != null && c != null && c.liveOnly) {
                    f.setJit(null);
                    JitRt.resetToInterpreter(f);
                    dropped = true;
                }
                swapped = !dropped && BareSwap.typedEntryAway(f, c);
            }
            if (swapped) {
                BareSwap.recompile(f, c, config.tier());
            }
            if (dropped) {
                if (config.tier() == Tier.COMPILED) {
                    JitInstaller.install(f);
                } else {
                    f.jitRequested = false;
                    f.hotness = initialHotness(config);
                }
            }
        }
    }

    /**
     * From now on every function runs in the interpreter: compiled code is dropped, tiering stops, and frames running
     * compiled code move into the interpreter at their next loop header (or finish their call).
     */
    void interpreterOnly() {
        if (!jitDisabled) {
            dropCompiledCode();
        }
    }

    private synchronized void dropCompiledCode() {
        if (jitDisabled) {
            return;
        }
        jitDisabled = true;
        if (config.tier() == Tier.TIERED) {
            Tiering.stopSampling(interpreter);
        }
        for (FunctionInstance f : functions) {
            synchronized (f) {
                if (f.jit != null) {
                    f.setJit(null);
                    JitRt.resetToInterpreter(f);
                }
            }
        }
        leaveCompiledCode();
    }

    /**
     * Makes every frame running compiled code move into the interpreter at its next loop header (or return), where
     * the interpreter's polls see pause requests, steps and interrupts. Calls already compiled stay compiled.
     */
    synchronized void leaveCompiledCode() {
        if (!leaveCompiled) {
            leaveCompiled = true;
            switchPoll();
        }
    }

    /** The compiled loop headers' poll, made on first use with the current answer. */
    synchronized java.lang.invoke.MutableCallSite pollSite() {
        if (pollSite == null) {
            pollSite = new java.lang.invoke.MutableCallSite(
                    java.lang.invoke.MethodHandles.constant(boolean.class, leaveCompiled));
        }
        return pollSite;
    }

    /** Makes the poll answer {@link #leaveCompiled}, if any compiled code has linked it yet. */
    private void switchPoll() {
        if (pollSite != null) {
            pollSite.setTarget(java.lang.invoke.MethodHandles.constant(boolean.class, leaveCompiled));
            java.lang.invoke.MutableCallSite.syncAll(new java.lang.invoke.MutableCallSite[]{pollSite});
        }
    }

    /** Undoes {@link #leaveCompiledCode} for a new call (a time limit's), unless a debugger wants the interpreter. */
    void resumeCompiledCode() {
        if (leaveCompiled && !jitDisabled) {
            resumeCompiled();
        }
    }

    private synchronized void resumeCompiled() {
        if (leaveCompiled && !jitDisabled) {
            leaveCompiled = false;
            switchPoll();
        }
    }

    /**
     * Keeps {@code f} in the interpreter while a breakpoint (or an exact translation) needs its stops: new calls run
     * interpreted, and its compiled frames leave at their next loop header (with every other compiled frame; calls
     * go on compiled after the next stop or invocation). Other functions stay compiled.
     */
    void pin(FunctionInstance f) {
        synchronized (f) {
            f.pinned++;
            if (f.jit != null) {
                f.setJit(null);
                JitRt.resetToInterpreter(f);
            }
        }
        leaveCompiledCode();
    }

    /** Undoes one {@link #pin}; the last one lets {@code f} compile again. */
    void unpin(FunctionInstance f) {
        boolean free;
        synchronized (f) {
            free = f.pinned > 0 && --f.pinned == 0;
        }
        if (!free || jitDisabled) {
            return;
        }
        if (config.tier() == Tier.COMPILED) {
            JitInstaller.install(f);
        } else {
            f.jitRequested = false;
            f.hotness = initialHotness(config);
        }
    }

    /** Tells {@code listener} of each host call from Wasm once it returns, until removed. */
    public synchronized void addHostCallListener(HostCallListener listener) {
        HostCallListener[] now = java.util.Arrays.copyOf(hostCallListeners, hostCallListeners.length + 1);
        now[now.length - 1] = java.util.Objects.requireNonNull(listener);
        hostCallListeners = now;
    }

    public synchronized void removeHostCallListener(HostCallListener listener) {
        hostCallListeners = java.util.Arrays.stream(hostCallListeners).filter(l -> l != listener)
                .toArray(HostCallListener[]::new);
    }

    /** Creates a host function that modules can import. */
    public FunctionInstance hostFunction(String name, FuncType type, HostFunction fn) {
        FunctionInstance f = new FunctionInstance(this, type, typeId(type), functions.size(), null, -1, fn, name);
        functions.add(f);
        return f;
    }

    /**
     * Links and instantiates a validated module: resolves imports, allocates, initializes tables and memories from
     * active segments in order, then runs the start function.
     *
     * @throws dev.trapdoor.engine.error.UnlinkableException     if an import is missing or has the wrong type
     * @throws dev.trapdoor.engine.error.UninstantiableException if a segment does not fit or the start function traps
     */
    public Instance instantiate(WasmModule module, ImportResolver imports) {
        Instance instance = Instantiator.instantiate(this, module, imports);
        exnRefs.watch(instance);
        return instance;
    }

    /** The function a {@code funcref} value names. */
    public FunctionInstance function(long ref) {
        return functions.get((int) ref);
    }

    synchronized int typeId(FuncType type) {
        Integer id = typeIds.get(type);
        if (id == null) {
            id = typeIds.size();
            typeIds.put(type, id);
            superIds.add(-1);
            typeDefs.add(type);
        }
        return id;
    }

    /** The canonical ids of a module's types. */
    synchronized int[] typeIds(java.util.List<FuncType> types) {
        int[] ids = dev.trapdoor.engine.validate.TypeGroups.assign(types, typeIds, superIds);
        while (typeDefs.size() < superIds.size()) {
            typeDefs.add(null);
        }
        for (int i = 0; i < ids.length; i++) {
            if (typeDefs.get(ids[i]) == null) {
                typeDefs.set(ids[i], types.get(i));
            }
        }
        return ids;
    }

    /**
     * The type of canonical id {@code id} as the first module declaring it wrote it (its field types' indices are
     * that module's): for its form, fields and packing.
     */
    synchronized FuncType typeDef(int id) {
        return typeDefs.get(id);
    }

    /** The store's GC objects (structs and arrays). */
    public GcHeap gcHeap() {
        return gcHeap;
    }

    /**
     * The host holds no copy of GC reference {@code ref} any more (one an {@code invoke} returned, a host function
     * received, or an escaping exception carried): unless Wasm still reaches it, the next collection frees it and
     * may give its handle to a new object. Until released, such a reference stays valid for the store's life. Other
     * values are ignored.
     */
    public void release(long ref) {
        gcHeap.release(ref);
    }

    /** The composite form of canonical id {@code id}. */
    int form(int id) {
        return typeDef(id).form();
    }

    /** Whether the type of id {@code sub} is that of {@code sup} or declares it as a supertype. */
    synchronized boolean isSubtype(int sub, int sup) {
        return sub == sup || dev.trapdoor.engine.validate.TypeGroups.isSubtype(sub, sup, superIds);
    }

    FunctionInstance newWasmFunction(Instance instance, int funcIndex, FuncType type) {
        int typeId = instance.typeIds[instance.module.functionTypeIndex(funcIndex)];
        FunctionInstance f = new FunctionInstance(this, type, typeId, functions.size(), instance, funcIndex,
                null, null);
        f.hotness = initialHotness(config);
        functions.add(f);
        return f;
    }

    boolean jitDisabled() {
        return jitDisabled;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    /**
     * Called from inside a host function that Wasm code called: the calling Wasm function and the module offset of
     * its call instruction (what a system-call trace names as the caller). Null when no Wasm frame made the call.
     */
    public dev.trapdoor.engine.trap.WasmFrame hostCaller() {
        return Traps.hostCaller(interpreter);
    }

    long[] invoke(FunctionInstance f, long[] args) {
        if (f.store != this) {
            throw new IllegalArgumentException("function belongs to another store");
        }
        int expected = f.type.hasV128() ? V128Args.flatLength(f.type.params()) : f.type.paramCount();
        if (args.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " arguments for " + f.name()
                    + f.type + (expected != f.type.paramCount() ? " (a v128 takes two longs)" : "") + ", got "
                    + args.length);
        }
        if (f.instance != null) {
            InvokeArguments.check(f, args);
        }
        long[] results;
        try {
            results = interpreter.invoke(f, args);
        } catch (WasmThrow t) {
            gcHeap.pinAll(t.values());
            throw t;
        }
        exnRefs.escaped(f.type, true, results);
        gcHeap.pinRefs(f.type.results(), results);
        return results;
    }
}
