package dev.trapdoor.engine.trap;

/** Why execution trapped. Each message is the string the spec test suite uses in {@code assert_trap}. */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    NULL_REFERENCE("null reference"),
    NULL_FUNCTION_REFERENCE("null function reference"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    HOST_FUNCTION_FAILED("host function failed"),
    /** Not a spec trap: the host's wall-clock limit on a call ({@code EngineConfig.timeLimitMillis}) passed. */
    TIME_LIMIT_EXCEEDED("time limit exceeded");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** The kind whose message a spec {@code assert_trap} text names, or {@code null}. */
    public static TrapKind forSpecText(String text) {
        for (TrapKind k : values()) {
            if (text.startsWith(k.message)) {
                return k;
            }
        }
        return null;
    }
}
