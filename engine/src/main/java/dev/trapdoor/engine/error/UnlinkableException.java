package dev.trapdoor.engine.error;

/** An import could not be resolved or has an incompatible type. Names the import. */
public final class UnlinkableException extends WasmException {
    private final String importModule;
    private final String importName;
    private final String reason;

    public UnlinkableException(String importModule, String importName, String reason) {
        super(String.format("cannot link import \"%s\".\"%s\": %s", importModule, importName, reason));
        this.importModule = importModule;
        this.importName = importName;
        this.reason = reason;
    }

    public String importModule() {
        return importModule;
    }

    public String importName() {
        return importName;
    }

    /** The spec's phrase: "unknown import" or "incompatible import type". */
    public String reason() {
        return reason;
    }
}
