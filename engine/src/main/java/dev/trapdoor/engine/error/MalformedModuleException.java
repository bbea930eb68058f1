package dev.trapdoor.engine.error;

/** The bytes are not a well-formed binary module. Carries the module offset where decoding failed. */
public final class MalformedModuleException extends WasmException {
    private final int moduleOffset;
    private final String reason;

    public MalformedModuleException(int moduleOffset, String reason) {
        super(String.format("malformed module at offset 0x%x: %s", moduleOffset, reason));
        this.moduleOffset = moduleOffset;
        this.reason = reason;
    }

    public int moduleOffset() {
        return moduleOffset;
    }

    /** The spec's phrase for the problem, e.g. "unexpected end" or "integer representation too long". */
    public String reason() {
        return reason;
    }
}
