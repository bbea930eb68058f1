/**
 * Source mapping: which source file, line and column a byte of code comes from, which functions were inlined there,
 * and where a source breakpoint goes. Reads the DWARF 4 and 5 sections that C/C++/Rust toolchains put into custom
 * sections ({@code .debug_info}, {@code .debug_abbrev}, {@code .debug_str}, {@code .debug_str_offsets},
 * {@code .debug_addr}, {@code .debug_line}, {@code .debug_line_str}, {@code .debug_ranges}, {@code .debug_rnglists}, {@code .debug_loc},
 * {@code .debug_loclists}),
 * and falls back to the name section for function names. {@link dev.trapdoor.engine.dwarf.SourceMap} is the API.
 *
 * <h2>Addresses</h2>
 * DWARF for WebAssembly uses code offsets: offsets from the start of the code section's contents, i.e. from its
 * function-count field. Every conversion to and from module offsets goes through
 * {@link dev.trapdoor.engine.model.CodeOffsets}. Checked against clang 14 / wasm-ld 14 output with
 * {@code llvm-dwarfdump-14}: a subprogram's {@code DW_AT_low_pc} (and its first line row) is the code offset of the
 * function body's local declarations (their count), the byte just after the body's size field: strictly after
 * {@code FunctionBody.entryOffset} (the size field) and strictly before {@code FunctionBody.bodyOffset} (the first
 * instruction). So the first row of a function lies in no instruction; a debugger breaking "on function entry"
 * should use the function's first {@code is_stmt} row after the prologue, not low_pc. {@code DW_AT_high_pc} and the
 * end_sequence row are the body's end ({@code FunctionBody.endOffset}). {@code SourceMapFixtureTest} asserts this for
 * every sequence of the fixtures.
 *
 * <h2>Dead code</h2>
 * wasm-ld leaves DWARF for functions it dropped with tombstone addresses (-1 in {@code .debug_info} and
 * {@code .debug_line}, -2 in {@code .debug_ranges}; older linkers wrote 0). Such sequences and ranges lie outside the
 * code section and are skipped.
 *
 * <h2>Laziness and damage</h2>
 * Nothing is read when a map is made: the unit index (unit headers and root DIEs only), the line table, and each
 * unit's DIE tree are read on the first query needing them. Damage drops the damaged unit or line program with a
 * warning; the public API never throws because of debug info.
 *
 * <h2>Variables</h2>
 * {@link dev.trapdoor.engine.dwarf.SourceMap#variables()} gives typed source variables: the scopes visible at a
 * position ({@code DW_TAG_subprogram}, {@code DW_TAG_lexical_block}, {@code DW_TAG_inlined_subroutine}), globals per
 * unit, values read through a {@link dev.trapdoor.engine.dwarf.MachineState} from location expressions and lists
 * ({@code .debug_loc}, {@code .debug_loclists}; {@code DW_OP_WASM_location} operand-stack indices count from the
 * bottom of the frame's stack, as LLVM's WebAssemblyDebugFixup assigns them), writes, and a C expression evaluator.
 * Where a location list has no entry for the pc, or the variable has no location, the value is unavailable with the
 * reason; clang 14's stale whole-function locations for reused Wasm locals are detected and reported unavailable.
 *
 * <h2>C++ and Rust</h2>
 * Functions and variables are indexed at any depth (namespaces, classes, Rust impl blocks, local types); names are
 * qualified from the DIE tree ({@link dev.trapdoor.engine.dwarf.QualifiedNames}), never demangled. Values of the
 * Rust standard library and of libc++ get summaries and synthetic children from
 * {@link dev.trapdoor.engine.dwarf.Formatters}, by qualified type name and member names, with a {@code [raw]}
 * child; a layout that does not match shows raw.
 *
 * <h2>Limits</h2>
 * DWARF32 only (wasm32 producers emit nothing else); no split DWARF ({@code .dwo}); no type units; cross-unit
 * references ({@code DW_FORM_ref_addr}) are not followed for names and types.
 *
 * <p>Depends on {@code model} and {@code binary} (the name section reader) only; must not depend on {@code exec},
 * {@code debug} or anything DAP: the debugger and the CLI call into this package, not the other way round.
 */
package dev.trapdoor.engine.dwarf;
