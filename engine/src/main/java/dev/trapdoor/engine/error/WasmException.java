package dev.trapdoor.engine.error;

/** Base of every error the engine raises for a module or a run. Nothing else escapes the engine's API. */
public abstract class WasmException extends RuntimeException {
    protected WasmException(String message) {
        super(message);
    }

    protected WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
