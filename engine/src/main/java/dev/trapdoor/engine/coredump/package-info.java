/**
 * Wasm coredumps in the tool-conventions format ({@code Coredump.md}): a coredump is itself a Wasm module whose
 * memory, global and data sections hold the trapped program's memories and globals, and whose custom sections
 * {@code core}, {@code coremodules}, {@code coreinstances} and {@code corestack} name the program and list its frames
 * with their locals and operand stacks. {@link dev.trapdoor.engine.coredump.CoredumpCapture} takes one from a
 * trapped program's frames, {@link dev.trapdoor.engine.coredump.CoredumpWriter} encodes it,
 * {@link dev.trapdoor.engine.coredump.CoredumpReader} decodes it, and
 * {@link dev.trapdoor.engine.coredump.CoredumpRestore} puts memories and globals back into a fresh instance of the
 * program for post-mortem debugging.
 *
 * <p>Depends on {@code model}, {@code binary}, {@code error}, {@code debug}, {@code trap} and {@code exec}; knows
 * nothing of DAP.
 */
package dev.trapdoor.engine.coredump;
