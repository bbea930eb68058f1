package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.MachineState;
import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Value;

/**
 * Writes C values of one stopped frame ({@code state}, stopped at module offset {@code pc}) through the module's
 * variables, which know where each value lives.
 */
record CWriter(SourceVariables variables, MachineState state, int pc) {
    /**
     * Stores what a person typed into the value's local, global or memory: a literal the engine parses ({@code 42},
     * {@code 'a'}, {@code RED}, {@code NULL}), or else a C expression ({@code n * 2}), whose value is stored.
     *
     * @throws EvalException with the engine's reason (not a base type, enum or pointer; does not parse or fit;
     *                       lives nowhere writable)
     */
    void write(Value value, String text) {
        try {
            variables.write(value, text, state);
        } catch (EvaluationException notALiteral) {
            String computed = evaluated(text);
            if (computed == null) {
                throw new EvalException(notALiteral.getMessage());
            }
            try {
                variables.write(value, computed, state);
            } catch (EvaluationException e) {
                throw new EvalException(e.getMessage());
            }
        }
    }

    /** The literal of an expression's value ("98" of {@code 98 'b'}, "0x10a0" of a string pointer), or null. */
    private String evaluated(String text) {
        try {
            Value v = variables.evaluator().evaluate(text, pc, state);
            if (v.unavailable().isPresent() || v.hasChildren() && !v.typeName().endsWith("*")) {
                return null;
            }
            String display = v.display().trim();
            int space = display.indexOf(' ');
            return space < 0 ? display : display.substring(0, space);
        } catch (EvaluationException | RuntimeException notAnExpression) {
            return null;
        }
    }
}
