package dev.trapdoor.dap.adapt;

import org.eclipse.lsp4j.debug.Variable;

import java.util.List;

/** A node of the variables tree whose children are listed on demand (a scope, or a structured value). */
public interface VariableContainer {
    /** The children; nested containers get references from {@code refs}. */
    List<Variable> children(VariableRefs refs, boolean hex);

    /**
     * A page of the children as a {@code variables} request asks: {@code filter} is DAP's "indexed", "named" or
     * null (all), {@code count <= 0} means to the end. Containers with many children override this to read only the
     * page; the rest list everything and cut.
     */
    default List<Variable> children(VariableRefs refs, boolean hex, String filter, int start, int count) {
        List<Variable> all = children(refs, hex);
        int from = Math.min(all.size(), Math.max(0, start));
        int end = count <= 0 ? all.size() : (int) Math.min(all.size(), (long) from + count);
        return all.subList(from, end);
    }

    /**
     * Sets child {@code name} to what a person typed and returns the child as it now reads.
     *
     * @throws EvalException when the child does not exist, cannot be set, or the value does not parse
     */
    default Variable set(String name, String value, VariableRefs refs, boolean hex) {
        throw new EvalException("'" + name + "' cannot be changed");
    }
}
