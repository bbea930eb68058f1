/**
 * The runtime: the {@link dev.trapdoor.engine.exec.Store} that owns function, table, memory and global instances,
 * instantiation and linking, the translator from validated bodies to slot-addressed {@code int[]} code, and the
 * interpreter that runs it on one shared {@code long[]} value stack with an explicit frame stack.
 *
 * <p>Value representation everywhere in this package: every Wasm value is a {@code long}. {@code i32} is sign-extended,
 * {@code f32}/{@code f64} are raw IEEE bits, references are a store function address or a host value, with
 * {@link dev.trapdoor.engine.exec.Values#NULL_REF} for null.
 *
 * <p>Depends on {@code model}, {@code error}, {@code trap}, {@code validate} and {@code binary}; never on the DAP server.
 */
package dev.trapdoor.engine.exec;
