package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;

/**
 * A function in a store: either Wasm code of an instance, or a host function. Its {@link #address()} is the value a
 * {@code funcref} holds.
 */
public final class FunctionInstance implements Extern {
    final Store store;
    final FuncType type;
    final int typeId;
    final int address;
    final Instance instance;
    final int funcIndex;
    final HostFunction host;
    final String hostName;
    /** Translated code, filled on the first call (lazy translation). */
    CompiledFunction code;
    /** The compiled tier's entry, {@code (int fp) -> void}, once this function is compiled; else null ({@link #setJit}). */
    volatile java.lang.invoke.MethodHandle jit;
    /**
     * Whether an interpreted call of this function leaves the interpreter: a host function, or one with {@link #jit}.
     * One field for the dispatch loop's call to test: a test of {@link #jit} of its own is first taken when the first
     * callee is compiled, seconds after C2 compiled the loop without that path (a deoptimization and a recompile).
     */
    volatile boolean outside;
    /**
     * The entry the tail-call trampoline runs ({@link JitTailCalls}): like {@link #jit}, but it leaves a tail call
     * pending instead of finishing it. Meaningful only while {@link #jit} is set.
     */
    volatile java.lang.invoke.MethodHandle jitBody;
    /** The call site compiled callers link to ({@link JitRt#siteOf}), and its invoker for indirect calls. */
    volatile java.lang.invoke.CallSite site;
    volatile java.lang.invoke.MethodHandle invoker;
    /** The call site of typed compiled callers ({@link JitRt#typedSiteOf}), and the typed entry once compiled. */
    volatile java.lang.invoke.MutableCallSite typedSite;
    volatile java.lang.invoke.MethodHandle typedJit;
    volatile java.lang.invoke.MethodHandle typedInvoker;
    /** For a host function: what typed {@code call_indirect}s of it invoke ({@link JitRt#typedTarget}). */
    java.lang.invoke.MethodHandle typedHostAdapter;
    /** The compiled code's context, with its entry table, once compiled. */
    volatile JitContext jitContext;
    /** Samples that found this function running in the interpreter (tiered mode). */
    int ticks;
    /** Calls and loop iterations left before the tiered mode compiles this function. */
    int hotness;
    /** Breakpoints (or an exact translation) that keep this function in the interpreter; guarded by the function. */
    int pinned;
    /**
     * Its exact translation, made the first time a compiled frame of it moves into the interpreter or shows in a trap
     * ({@link CapturedFrame}): whose layout compiled frames share. Never run, never patched.
     */
    volatile CompiledFunction exactLayout;
    /** Compilation was tried and failed, or is queued: do not ask again. */
    volatile boolean jitRequested;

    FunctionInstance(Store store, FuncType type, int typeId, int address, Instance instance, int funcIndex,
                     HostFunction host, String hostName) {
        this.store = store;
        this.type = type;
        this.typeId = typeId;
        this.address = address;
        this.instance = instance;
        this.funcIndex = funcIndex;
        this.host = host;
        this.hostName = hostName;
        this.outside = host != null;
    }

    /** Sets or (null) clears the compiled tier's entry. */
    void setJit(java.lang.invoke.MethodHandle entry) {
        jit = entry;
        outside = host != null || entry != null;
    }

    public FuncType type() {
        return type;
    }

    /** The {@code funcref} value of this function. */
    public int address() {
        return address;
    }

    public boolean isHost() {
        return host != null;
    }

    /** The instance defining this function, or {@code null} for a host function. */
    public Instance instance() {
        return instance;
    }

    /** Index in its module's function space, or -1 for a host function. */
    public int funcIndex() {
        return funcIndex;
    }

    /** A name for messages and stack traces: the name section's, the host's, or {@code $index}. */
    public String name() {
        return host != null ? hostName : instance.functionName(funcIndex);
    }

    /**
     * Calls the function with arguments in slot representation (see {@link Values}) and returns its results.
     *
     * @throws dev.trapdoor.engine.trap.Trap if execution traps
     */
    public long[] call(long... args) {
        return store.invoke(this, args);
    }

    @Override
    public String toString() {
        return name() + type;
    }
}
