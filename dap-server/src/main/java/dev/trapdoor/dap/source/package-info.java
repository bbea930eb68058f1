/**
 * Source-level debugging on top of the engine: where source breakpoints go ({@link
 * dev.trapdoor.dap.source.BreakpointBook}, via DWARF line tables), how a line step is run with the engine's range
 * steps ({@link dev.trapdoor.dap.source.LineStepper}; which files justMyCode counts as the user's: {@link
 * dev.trapdoor.dap.source.UserCode}), how code positions become DAP sources (files on disk, or a
 * "Wasm disassembly" source per function: {@link dev.trapdoor.dap.source.SourceLocator}), the module's instruction
 * list ({@link dev.trapdoor.dap.source.DisassemblyIndex}), {@code .wat} programs compiled with their text lines
 * ({@link dev.trapdoor.dap.source.TextProgram}), and typed C variables and expressions ({@link
 * dev.trapdoor.dap.source.SourceVariablesProvider}, implemented from DWARF by {@link
 * dev.trapdoor.dap.source.DwarfVariablesProvider}: C scopes, values as DAP variables, C evaluation).
 *
 * <p>Depends on the engine ({@code dwarf}, {@code instr}, {@code debug}, {@code exec}), {@code adapt} and LSP4J's DAP
 * types; knows nothing of sessions or transports.
 */
package dev.trapdoor.dap.source;
