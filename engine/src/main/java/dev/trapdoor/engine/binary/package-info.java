/**
 * The binary-format decoder: LEB128 and UTF-8 primitives, one reader per section, producing a
 * {@link dev.trapdoor.engine.model.WasmModule}. Reports every malformed encoding as a
 * {@link dev.trapdoor.engine.error.MalformedModuleException} with its module offset.
 *
 * <p>Depends on {@code model}, {@code error} and {@code instr}; knows nothing of validation or execution.
 */
package dev.trapdoor.engine.binary;
