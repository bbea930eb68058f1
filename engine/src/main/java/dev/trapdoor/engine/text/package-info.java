/**
 * The WebAssembly text format: {@link dev.trapdoor.engine.text.Wat} turns a {@code .wat} module into the binary
 * format, with a name section and a map from code offsets to text positions
 * ({@link dev.trapdoor.engine.text.TextPositions}); {@link dev.trapdoor.engine.text.SExprReader} gives the
 * s-expressions of a text (a module or a {@code .wast} script) to whoever reads scripts.
 *
 * <p>Stages: {@code Lexer} (tokens with line and column) → {@code SExprReader} (parenthesised tree, annotations
 * marked) → {@code ModuleParser} (fields, index spaces, type uses) with {@code InstructionParser} (plain and folded
 * instructions to bytes) → {@code BinaryWriter} (sections). Every syntax error is a
 * {@link dev.trapdoor.engine.text.TextFormatException} naming {@code file:line:col} and what was expected.
 *
 * <p>Depends on {@code instr} (the opcode table), {@code model} and {@code error}; must not depend on
 * {@code binary}, {@code validate} or {@code exec}: the bytes it writes go through the ordinary decoder like any
 * other module.
 */
package dev.trapdoor.engine.text;
