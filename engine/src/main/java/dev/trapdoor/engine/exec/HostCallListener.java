package dev.trapdoor.engine.exec;

/**
 * Told of each call from Wasm code to a host function once the host returned, with the values as they crossed
 * (slot representation, normalized to the callee's types; a v128 as two entries). A debugger reads a host call's
 * results here, since the guest may drop or fold them before the next instruction it can stop at. A call that
 * traps or fails is not reported. Runs on the thread that runs Wasm; it must not call into the store.
 */
@FunctionalInterface
public interface HostCallListener {
    /** {@code caller}: the instance whose code made the call. */
    void returned(Instance caller, FunctionInstance callee, long[] args, long[] results);
}
