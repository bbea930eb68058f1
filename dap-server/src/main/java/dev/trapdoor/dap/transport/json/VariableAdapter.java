package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;

import java.io.IOException;

/** {@link Variable}, in the order of its fields. */
final class VariableAdapter extends WriteAdapter<Variable> {
    private final TypeAdapter<VariablePresentationHint> hint;

    VariableAdapter(Gson gson, TypeAdapterFactory skip) {
        super(gson, skip, Variable.class);
        this.hint = gson.getAdapter(VariablePresentationHint.class);
    }

    @Override
    void members(JsonWriter out, Variable v) throws IOException {
        Fields.string(out, "name", v.getName());
        Fields.string(out, "value", v.getValue());
        Fields.string(out, "type", v.getType());
        Fields.other(out, "presentationHint", v.getPresentationHint(), hint);
        Fields.string(out, "evaluateName", v.getEvaluateName());
        out.name("variablesReference").value(v.getVariablesReference());
        Fields.integer(out, "namedVariables", v.getNamedVariables());
        Fields.integer(out, "indexedVariables", v.getIndexedVariables());
        Fields.string(out, "memoryReference", v.getMemoryReference());
        Fields.integer(out, "declarationLocationReference", v.getDeclarationLocationReference());
        Fields.integer(out, "valueLocationReference", v.getValueLocationReference());
    }
}
