package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.adapt.VariableRefs;
import org.eclipse.lsp4j.debug.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A scope of C variables ("Locals", "Globals"): read each time the client lists it, so a set shows at once. */
final class CScopeVariables implements VariableContainer {
    private final Supplier<List<CValueEntry>> entries;
    private final CWriter writer;

    CScopeVariables(Supplier<List<CValueEntry>> entries, CWriter writer) {
        this.entries = entries;
        this.writer = writer;
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex) {
        List<Variable> out = new ArrayList<>();
        for (CValueEntry e : entries.get()) {
            out.add(CVariables.toDap(e, writer, refs));
        }
        return out;
    }

    @Override
    public Variable set(String name, String text, VariableRefs refs, boolean hex) {
        for (CValueEntry e : entries.get()) {
            if (e.name().equals(name)) {
                writer.write(e.value(), text);
                return CVariables.toDap(e, writer, refs);
            }
        }
        throw new EvalException("no variable named '" + name + "' here");
    }
}
