package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesResponse;

import java.io.IOException;

/** The bodies of the three responses an editor asks for at every stop: an array each, and a count. */
final class ResponseAdapters {
    private ResponseAdapters() {
    }

    static final class StackTrace extends WriteAdapter<StackTraceResponse> {
        private final TypeAdapter<StackFrame> frame;

        StackTrace(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, StackTraceResponse.class);
            this.frame = gson.getAdapter(StackFrame.class);
        }

        @Override
        void members(JsonWriter out, StackTraceResponse r) throws IOException {
            Fields.array(out, "stackFrames", r.getStackFrames(), frame);
            Fields.integer(out, "totalFrames", r.getTotalFrames());
        }
    }

    static final class Scopes extends WriteAdapter<ScopesResponse> {
        private final TypeAdapter<Scope> scope;

        Scopes(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, ScopesResponse.class);
            this.scope = gson.getAdapter(Scope.class);
        }

        @Override
        void members(JsonWriter out, ScopesResponse r) throws IOException {
            Fields.array(out, "scopes", r.getScopes(), scope);
        }
    }

    static final class Variables extends WriteAdapter<VariablesResponse> {
        private final TypeAdapter<Variable> variable;

        Variables(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, VariablesResponse.class);
            this.variable = gson.getAdapter(Variable.class);
        }

        @Override
        void members(JsonWriter out, VariablesResponse r) throws IOException {
            Fields.array(out, "variables", r.getVariables(), variable);
        }
    }
}
