package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.error.WasmException;

/**
 * Thrown by {@code proc_exit}: the guest ended the program. It is a {@link WasmException} so the interpreter unwinds
 * it unchanged, and the embedder (the CLI, the DAP server) turns it into an exit code.
 */
public final class WasiExit extends WasmException {
    private final int exitCode;

    public WasiExit(int exitCode) {
        super("proc_exit(" + exitCode + ")");
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
