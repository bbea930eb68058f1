/**
 * The binary-format decoder: LEB128 and UTF-8 primitives ({@link dev.trapdoor.engine.binary.ByteReader}), one reader
 * per section, and {@link dev.trapdoor.engine.binary.ModuleDecoder} which checks the header, section ids, order and
 * sizes and produces a {@link dev.trapdoor.engine.model.WasmModule}. Reports every malformed encoding as a
 * {@link dev.trapdoor.engine.error.MalformedModuleException} with the spec test suite's phrase and its module offset.
 * {@link dev.trapdoor.engine.binary.NameSectionReader} reads the {@code name} custom section and never fails.
 *
 * <p>Function bodies are delimited, not decoded: their instructions are the validator's to read. Depends on
 * {@code model}, {@code error} and {@code instr} (to skip constant expressions); knows nothing of validation or
 * execution.
 */
package dev.trapdoor.engine.binary;
