/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}): the functions ({@link dev.trapdoor.engine.wasi.WasiPreview1}),
 * their binding as imports ({@link dev.trapdoor.engine.wasi.WasiImports}), the program's configuration
 * ({@link dev.trapdoor.engine.wasi.WasiConfig}) and {@link dev.trapdoor.engine.wasi.WasiExit} for {@code proc_exit}.
 *
 * <p>Owns the guest's view of the host: the descriptor table, and the sandbox that keeps every path inside a
 * preopened directory ({@code Sandbox}). Host failures become errno values here and never leave as Java exceptions.
 *
 * <p>Depends on {@code exec}, {@code model}, {@code error} and {@code trap} only; never on the DAP server or the CLI.
 */
package dev.trapdoor.engine.wasi;
