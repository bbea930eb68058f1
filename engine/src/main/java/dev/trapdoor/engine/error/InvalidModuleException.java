package dev.trapdoor.engine.error;

/**
 * The module is well-formed but does not validate. Carries the function index (or -1 outside a function body) and
 * the module offset of the offending instruction or entry.
 */
public final class InvalidModuleException extends WasmException {
    private final int funcIndex;
    private final int moduleOffset;
    private final String reason;

    public InvalidModuleException(int funcIndex, int moduleOffset, String reason) {
        super(funcIndex >= 0
                ? String.format("invalid module: function %d at offset 0x%x: %s", funcIndex, moduleOffset, reason)
                : String.format("invalid module at offset 0x%x: %s", moduleOffset, reason));
        this.funcIndex = funcIndex;
        this.moduleOffset = moduleOffset;
        this.reason = reason;
    }

    public int funcIndex() {
        return funcIndex;
    }

    public int moduleOffset() {
        return moduleOffset;
    }

    /** The spec's phrase for the problem, e.g. "type mismatch" or "unknown local". */
    public String reason() {
        return reason;
    }
}
