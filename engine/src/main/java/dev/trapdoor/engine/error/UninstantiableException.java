package dev.trapdoor.engine.error;

/**
 * Instantiation failed after linking: a segment did not fit or the start function trapped. The cause, when present,
 * is the {@code Trap}. Effects already applied to imported memories and tables stay, as Wasm 2.0 specifies.
 */
public final class UninstantiableException extends WasmException {
    public UninstantiableException(String message, Throwable cause) {
        super(message, cause);
    }
}
