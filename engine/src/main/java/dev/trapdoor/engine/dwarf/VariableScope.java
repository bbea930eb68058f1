package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * A scope visible at a code position, with the variables declared directly in it in declaration order.
 *
 * @param name the function's name for functions and inlined functions, {@code "block"} for lexical blocks
 */
public record VariableScope(String name, Kind kind, List<Variable> variables) {
    public enum Kind {
        /** A lexical block ({@code { ... }}, a {@code for} statement's declarations). */
        BLOCK,
        /** A function inlined into the code here. */
        INLINED_FUNCTION,
        /** The real Wasm function. */
        FUNCTION
    }
}
