package dev.trapdoor.dap.adapt;

import org.eclipse.lsp4j.debug.Variable;

import java.util.List;

/** A node of the variables tree whose children are listed on demand (a scope, or a structured value). */
public interface VariableContainer {
    /** The children; nested containers get references from {@code refs}. */
    List<Variable> children(VariableRefs refs, boolean hex);

    /**
     * Sets child {@code name} to what a person typed and returns the child as it now reads.
     *
     * @throws EvalException when the child does not exist, cannot be set, or the value does not parse
     */
    default Variable set(String name, String value, VariableRefs refs, boolean hex) {
        throw new EvalException("'" + name + "' cannot be changed");
    }
}
