/**
 * Traps: the {@link dev.trapdoor.engine.trap.TrapKind} enum whose messages are the spec's strings, and the
 * {@link dev.trapdoor.engine.trap.Trap} exception that carries the kind, the module offset of the trapping instruction,
 * the function and the Wasm call stack.
 *
 * <p>Depends only on {@code error} and {@code model}.
 */
package dev.trapdoor.engine.trap;
