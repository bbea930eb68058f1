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
    private final Map<FuncType, Integer> typeIds = new HashMap<>();
    private final Interpreter interpreter;
    private Debugger debugger;
    /** Set for good once a debugger exists: its breakpoints and steps act on the interpreter's code. */
    private volatile boolean jitDisabled;
    /**
     * What the poll at every compiled loop header calls: constant false, so C2 folds the poll away, until compiled
     * frames must move into the interpreter. Switching it makes the JVM deoptimize the code that inlined it.
     */
    final java.lang.invoke.MutableCallSite pollSite = new java.lang.invoke.MutableCallSite(
            java.lang.invoke.MethodHandles.constant(boolean.class, false));
    /** Compiled frames leave at their next loop header and go on in the interpreter. */
    volatile boolean leaveCompiled;
    /** Exceptions a handler took as an {@code exnref}: the reference is the index here. */
    final List<WasmThrow> exceptionRefs = new ArrayList<>();

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
        this.interpreter = new Interpreter(this);
        if (config.tier() == Tier.TIERED) {
            Tiering.sample(interpreter);
        }
    }

    public EngineConfig config() {
        return config;
    }

    /** The budget this store's memories are charged to; {@link MemoryBudget#releaseAll} once the store is done. */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /** The store's debugger, created on first use; until then the interpreter has no debug hooks at all. */
    public synchronized Debugger debugger() {
        if (debugger == null) {
            jitDisabled = true;
            Tiering.stopSampling(interpreter);
            for (FunctionInstance f : functions) {
                synchronized (f) {
                    if (f.jit != null) {
                        f.jit = null;
                        JitRt.resetToInterpreter(f);
                    }
                }
            }
            debugger = new Debugger(interpreter);
            // Frames running compiled code now would not see breakpoints or pauses: send them to the interpreter.
            leaveCompiledCode();
        }
        return debugger;
    }

    /**
     * Makes every frame running compiled code move into the interpreter at its next loop header (or return), where
     * the interpreter's polls see pause requests, steps and interrupts. Calls already compiled stay compiled.
     */
    synchronized void leaveCompiledCode() {
        if (!leaveCompiled) {
            leaveCompiled = true;
            pollSite.setTarget(java.lang.invoke.MethodHandles.constant(boolean.class, true));
            java.lang.invoke.MutableCallSite.syncAll(new java.lang.invoke.MutableCallSite[]{pollSite});
        }
    }

    /** Undoes {@link #leaveCompiledCode} for a new call (a time limit's), unless a debugger wants the interpreter. */
    synchronized void resumeCompiledCode() {
        if (leaveCompiled && debugger == null) {
            leaveCompiled = false;
            pollSite.setTarget(java.lang.invoke.MethodHandles.constant(boolean.class, false));
            java.lang.invoke.MutableCallSite.syncAll(new java.lang.invoke.MutableCallSite[]{pollSite});
        }
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
        return Instantiator.instantiate(this, module, imports);
    }

    /** The function a {@code funcref} value names. */
    public FunctionInstance function(long ref) {
        return functions.get((int) ref);
    }

    int typeId(FuncType type) {
        return typeIds.computeIfAbsent(type, t -> typeIds.size());
    }

    FunctionInstance newWasmFunction(Instance instance, int funcIndex, FuncType type) {
        FunctionInstance f = new FunctionInstance(this, type, typeId(type), functions.size(), instance, funcIndex,
                null, null);
        f.hotness = Tiering.initialHotness(config);
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
        return interpreter.invoke(f, args);
    }
}
