/**
 * Data breakpoints (watchpoints): what a {@code dataId} names (a range of linear memory, or a Wasm global), the set
 * of watches a session holds, and how they are checked. While a watch exists the session runs the program one
 * instruction at a time and compares the watched bytes after each one (a software watchpoint, as gdb's): a store,
 * a bulk-memory instruction, or a host call (WASI's {@code fd_read}, {@code random_get}...) that changes them stops
 * the program right after it. With no watch set nothing here runs.
 *
 * <p>Depends on the engine's {@code exec} views and on {@code session}'s stop types; knows nothing of LSP4J beyond the
 * DAP breakpoint it reports.
 */
package dev.trapdoor.dap.watch;
