package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.Source;

import java.io.IOException;

/** {@link Scope}, in the order of its fields. */
final class ScopeAdapter extends WriteAdapter<Scope> {
    private final TypeAdapter<Source> source;

    ScopeAdapter(Gson gson, TypeAdapterFactory skip) {
        super(gson, skip, Scope.class);
        this.source = gson.getAdapter(Source.class);
    }

    @Override
    void members(JsonWriter out, Scope s) throws IOException {
        Fields.string(out, "name", s.getName());
        Fields.string(out, "presentationHint", s.getPresentationHint());
        out.name("variablesReference").value(s.getVariablesReference());
        Fields.integer(out, "namedVariables", s.getNamedVariables());
        Fields.integer(out, "indexedVariables", s.getIndexedVariables());
        out.name("expensive").value(s.isExpensive());
        Fields.other(out, "source", s.getSource(), source);
        Fields.integer(out, "line", s.getLine());
        Fields.integer(out, "column", s.getColumn());
        Fields.integer(out, "endLine", s.getEndLine());
        Fields.integer(out, "endColumn", s.getEndColumn());
    }
}
