package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.engine.dwarf.Value;
import org.eclipse.lsp4j.debug.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * The children of one C value: a struct's members, an array's elements, or a pointer's pointee. Only the page asked
 * for is read, so a large array costs what the client shows of it.
 */
final class CValueChildren implements VariableContainer {
    /** A client that asks for "all" children of a huge array gets this many; VS Code pages arrays anyway. */
    static final int UNPAGED_LIMIT = 1000;

    private final Value value;
    private final String evaluateName;
    private final int count;
    private final boolean indexed;
    private final CWriter writer;

    CValueChildren(Value value, String evaluateName, int count, boolean indexed, CWriter writer) {
        this.value = value;
        this.evaluateName = evaluateName;
        this.count = count;
        this.indexed = indexed;
        this.writer = writer;
    }

    /** Whether the children are array elements ({@code [0]}, {@code [1]}, ...), which DAP calls indexed. */
    boolean indexed() {
        return indexed;
    }

    int count() {
        return count;
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex) {
        return children(refs, hex, null, 0, -1);
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex, String filter, int start, int count) {
        if (indexed && "named".equals(filter) || !indexed && "indexed".equals(filter)) {
            return List.of();
        }
        int n = count > 0 ? count : Math.min(UNPAGED_LIMIT, Math.max(0, this.count - start));
        List<Variable> out = new ArrayList<>();
        for (Value child : value.children(Math.max(0, start), n)) {
            out.add(CVariables.toDap(entry(child), writer, refs));
        }
        return out;
    }

    @Override
    public Variable set(String name, String text, VariableRefs refs, boolean hex) {
        Value child = find(name);
        writer.write(child, text);
        return CVariables.toDap(entry(child), writer, refs);
    }

    private CValueEntry entry(Value child) {
        return new CValueEntry(child.name(), EvaluateNames.child(evaluateName, child.name()), child, false);
    }

    private Value find(String name) {
        if (indexed && name.startsWith("[") && name.endsWith("]")) {
            try {
                int i = Integer.parseInt(name.substring(1, name.length() - 1));
                if (i >= 0 && i < count) {
                    return value.children(i, 1).get(0);
                }
            } catch (NumberFormatException notAnIndex) {
                // reported below
            }
        } else if (!indexed) {
            for (Value child : value.children(0, count)) {
                if (child.name().equals(name)) {
                    return child;
                }
            }
        }
        throw new EvalException(value.name() + " has no " + (indexed ? "element " : "member ") + name);
    }
}
