package dev.trapdoor.engine.exec;

/**
 * How freely the interpreter's translator rewrites a function. Both levels run every program the same way; they
 * differ in what a debugger can see and touch.
 */
public enum TranslationLevel {
    /**
     * Operands alias locals and constants, single-use locals are forwarded, neighbouring instructions are fused:
     * fast, but a breakpoint between fused instructions moves to the next instruction start, and an aliased operand
     * has no slot of its own to set.
     */
    OPTIMIZED,
    /**
     * One translated instruction per Wasm instruction (structured ones like {@code block} and {@code end} included),
     * every operand in its own slot after every instruction: each instruction is a stop, each operand settable.
     */
    EXACT;

    /** The level named {@code name} in any case ("optimized", "exact"). */
    public static TranslationLevel parse(String name) {
        for (TranslationLevel l : values()) {
            if (l.name().equalsIgnoreCase(name.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown translation level \"" + name + "\" (optimized or exact)");
    }
}
