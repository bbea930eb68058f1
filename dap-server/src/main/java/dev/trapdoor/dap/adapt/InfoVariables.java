package dev.trapdoor.dap.adapt;

import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Read-only name/value pairs: module facts, the fields of a trap's detail. */
public final class InfoVariables implements VariableContainer {
    private final Supplier<Map<String, String>> entries;

    public InfoVariables(Supplier<Map<String, String>> entries) {
        this.entries = entries;
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex) {
        List<Variable> out = new ArrayList<>();
        entries.get().forEach((name, value) -> {
            Variable v = new Variable();
            v.setName(name);
            v.setValue(value);
            v.setVariablesReference(0);
            VariablePresentationHint hint = new VariablePresentationHint();
            hint.setAttributes(new String[] {"readOnly"});
            v.setPresentationHint(hint);
            out.add(v);
        });
        return out;
    }
}
