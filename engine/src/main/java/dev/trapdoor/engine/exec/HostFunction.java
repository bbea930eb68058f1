package dev.trapdoor.engine.exec;

/**
 * A function implemented in Java and imported by a module. Arguments and results use the slot representation of
 * {@link Values}. {@code caller} is the instance whose code made the call (it owns the memory a WASI call works on),
 * or {@code null} when the host invoked the function directly.
 *
 * <p>To trap, throw a {@link dev.trapdoor.engine.trap.Trap}; to end the program, throw any
 * {@link dev.trapdoor.engine.error.WasmException}. Any other exception becomes a "host function failed" trap.
 */
@FunctionalInterface
public interface HostFunction {
    long[] call(Instance caller, long[] args);
}
