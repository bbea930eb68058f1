package dev.trapdoor.engine.exec;

/** Which code runs a store's functions. */
public enum Tier {
    /** Every function runs on the interpreter's translated code. */
    INTERPRETER,
    /** Every function is compiled to JVM bytecode when its instance is created, before any of it runs. */
    COMPILED,
    /**
     * Functions start in the interpreter; one whose calls or loop iterations pass a threshold is compiled on a
     * background thread and later calls run the compiled code.
     */
    TIERED;

    /** The tier named {@code name} in any case ("interpreter", "compiled", "tiered"). */
    public static Tier parse(String name) {
        for (Tier t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier \"" + name + "\" (interpreter, compiled or tiered)");
    }
}
