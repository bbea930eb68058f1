/**
 * The runtime: the {@link dev.trapdoor.engine.exec.Store} that owns function, table, memory and global instances,
 * instantiation and linking, the translator from validated bodies to slot-addressed {@code int[]} code, and the
 * interpreter that runs it on one shared {@code long[]} value stack with an explicit frame stack.
 *
 * <p>Value representation everywhere in this package: every Wasm value is a {@code long}. An {@code i32} (and an
 * {@code f32}) is defined by its low 32 bits only, since {@code i32.wrap_i64} leaves an i64's high bits in place;
 * {@code f64} is raw IEEE bits; references are a store function address or a host value, with
 * {@link dev.trapdoor.engine.exec.Values#NULL_REF} for null. Values leaving the package are normalized.
 *
 * <p>Depends on {@code model}, {@code error}, {@code trap}, {@code validate} and {@code binary}; never on the DAP server.
 */
package dev.trapdoor.engine.exec;
