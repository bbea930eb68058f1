package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.VariableContainer;

import java.util.List;
import java.util.Optional;

/**
 * Typed source-level variables and expressions (C locals from DWARF): the "Locals" and "Globals" scopes, and C
 * expressions for evaluate, setExpression, conditions and logpoints. {@link DwarfVariablesProvider} is the real one;
 * {@link #NONE} answers nothing, leaving the Wasm-level views alone.
 *
 * <p>Evaluation is two-level: the Wasm-level language ({@code $local}, {@code mem32[...]}) is tried when the source
 * level <em>declines</em> an expression (no debug info at the pc, not C syntax, or a name it does not know), while an
 * expression it understands but cannot evaluate ("cannot dereference int") is an error.
 */
public interface SourceVariablesProvider {
    /** A scope to show, e.g. "Locals" holding the C variables in scope. */
    record NamedScope(String name, String presentationHint, VariableContainer container) {
    }

    /**
     * A value of a source expression: its text, its C type, children for structs/arrays/pointers (null for none),
     * where a memory view should open (null for nowhere), and how many of the children are array elements (0 when
     * they are members or a pointee), so the client can page them.
     */
    record SourceValue(String display, String type, VariableContainer children, String memoryReference,
                       int indexedVariables) {
    }

    /** A source evaluation: a value, or why the source level declined (null reason: it has nothing to say here). */
    record Evaluation(SourceValue value, String declined) {
        public static Evaluation of(SourceValue value) {
            return new Evaluation(value, null);
        }

        public static Evaluation decline(String reason) {
            return new Evaluation(null, reason);
        }

        public boolean found() {
            return value != null;
        }
    }

    /** The source scopes of a frame, innermost first; empty without debug info there. */
    List<NamedScope> scopes(FrameAt at);

    /** Evaluates a source expression. @throws EvalException when it is one but cannot be evaluated */
    Evaluation evaluate(String expression, FrameAt at);

    /**
     * Whether a condition holds, by C's rules (non-zero numbers and non-null pointers are true); empty when the
     * source level declines it. @throws EvalException when it is a source expression that cannot be a condition
     */
    Optional<Boolean> holds(String condition, FrameAt at);

    /**
     * Assigns what a person typed ({@code 42}, {@code 'a'}, {@code RED}, {@code NULL}, or a C expression) to a source
     * lvalue; empty when the source level declines {@code expression}.
     *
     * @throws EvalException when it is a source lvalue that cannot take the value (a struct, optimized out, a value
     *                       that does not fit)
     */
    Optional<SourceValue> assign(String expression, String value, FrameAt at);

    /** The source names visible in a frame, for completions. */
    List<String> names(FrameAt at);

    /** Where a source lvalue lives in linear memory: its address and size in bytes; empty when it has no such home. */
    default Optional<long[]> location(String expression, FrameAt at) {
        return Optional.empty();
    }

    SourceVariablesProvider NONE = new SourceVariablesProvider() {
        @Override
        public List<NamedScope> scopes(FrameAt at) {
            return List.of();
        }

        @Override
        public Evaluation evaluate(String expression, FrameAt at) {
            return Evaluation.decline(null);
        }

        @Override
        public Optional<Boolean> holds(String condition, FrameAt at) {
            return Optional.empty();
        }

        @Override
        public Optional<SourceValue> assign(String expression, String value, FrameAt at) {
            return Optional.empty();
        }

        @Override
        public List<String> names(FrameAt at) {
            return List.of();
        }
    };
}
