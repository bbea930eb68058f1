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
    /** GC: a {@code ref.cast} (or {@code br_on_cast}'s cast) whose value is not of the type. */
    CAST_FAILURE("cast failure"),
    NULL_STRUCTURE_REFERENCE("null structure reference"),
    NULL_ARRAY_REFERENCE("null array reference"),
    NULL_I31_REFERENCE("null i31 reference"),
    ARRAY_OUT_OF_BOUNDS("out of bounds array access"),
    /** Not a spec trap: a GC allocation the JVM heap (or the object table) cannot hold. */
    OUT_OF_MEMORY("out of memory"),
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
