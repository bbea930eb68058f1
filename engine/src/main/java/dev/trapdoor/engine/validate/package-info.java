/**
 * Validation of a decoded module against the Wasm 2.0 type system. The function-body walker is shared with the
 * translator: it reports each instruction with its operand-stack height to a sink, so types are checked in one place.
 *
 * <p>Depends on {@code model}, {@code error} and {@code binary}; knows nothing of execution.
 */
package dev.trapdoor.engine.validate;
