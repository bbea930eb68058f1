/**
 * The instruction set as data: {@link dev.trapdoor.engine.instr.Opcode} lists every Wasm 2.0 non-SIMD instruction
 * with its encoding, mnemonic and immediate shape; {@link dev.trapdoor.engine.instr.InstructionReader} reads one
 * instruction; {@link dev.trapdoor.engine.instr.ExpressionScanner} finds where an expression ends;
 * {@link dev.trapdoor.engine.instr.Disassembler} renders a body as text.
 *
 * <p>Owns the encoding of instructions only, not their typing (the validator) nor their meaning (the runtime). May
 * depend on {@code binary}'s {@code ByteReader}, on {@code model} and on {@code error}; must not depend on
 * {@code validate}, {@code exec} or anything that runs code. ({@code binary} uses this package to skip constant
 * expressions, so the two packages know each other; nothing else in {@code binary} may be used here.)
 */
package dev.trapdoor.engine.instr;
