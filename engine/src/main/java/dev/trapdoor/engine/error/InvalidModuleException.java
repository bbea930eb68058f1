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
        super(message(funcIndex, moduleOffset, reason));
        this.funcIndex = funcIndex;
        this.moduleOffset = moduleOffset;
        this.reason = reason;
    }

    /** Where it is, as far as known: some checks (the start function's type) have no offset of their own. */
    private static String message(int funcIndex, int moduleOffset, String reason) {
        String at = moduleOffset >= 0 ? String.format(" at offset 0x%x", moduleOffset) : "";
        return funcIndex >= 0 ? String.format("invalid module: function %d%s: %s", funcIndex, at, reason)
                : "invalid module" + at + ": " + reason;
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
