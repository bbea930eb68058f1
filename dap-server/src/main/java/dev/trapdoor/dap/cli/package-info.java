/**
 * The {@code trapdoor} command line: picocli commands ({@code Main}, {@code run}), the runner that loads a module,
 * binds WASI and maps every outcome to an exit status, and the trap report format.
 *
 * <p>Depends on the engine's public API ({@code dev.trapdoor.engine}, {@code exec}, {@code model}, {@code error},
 * {@code trap}, {@code wasi}) and picocli. The engine must never depend on this package.
 */
package dev.trapdoor.dap.cli;
