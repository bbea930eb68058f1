package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;

/**
 * The factory of the hand-written writers and of the readers of the stepping requests' arguments, for LSP4J's
 * {@code configureGson}: registered last, so Gson asks it before its reflective adapter. Only the exact classes: a
 * subclass (none in the server) goes to Gson as before.
 */
public final class HotTypes implements TypeAdapterFactory {
    HotTypes() {
    }

    public static void register(GsonBuilder builder) {
        builder.registerTypeAdapterFactory(new HotTypes());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<? super T> raw = type.getRawType();
        TypeAdapter<?> adapter;
        if (raw == StackTraceResponse.class) {
            adapter = new ResponseAdapters.StackTrace(gson, this);
        } else if (raw == StackFrame.class) {
            adapter = new StackFrameAdapter(gson, this);
        } else if (raw == Source.class) {
            adapter = new SourceAdapter(gson, this);
        } else if (raw == ScopesResponse.class) {
            adapter = new ResponseAdapters.Scopes(gson, this);
        } else if (raw == Scope.class) {
            adapter = new ScopeAdapter(gson, this);
        } else if (raw == VariablesResponse.class) {
            adapter = new ResponseAdapters.Variables(gson, this);
        } else if (raw == Variable.class) {
            adapter = new VariableAdapter(gson, this);
        } else if (raw == StoppedEventArguments.class) {
            adapter = new EventAdapters.Stopped(gson, this);
        } else if (raw == ContinuedEventArguments.class) {
            adapter = new EventAdapters.Continued(gson, this);
        } else if (raw == OutputEventArguments.class) {
            adapter = new EventAdapters.Output(gson, this);
        } else if (raw == NextArguments.class) {
            adapter = new ArgumentAdapters.Next(gson, this);
        } else if (raw == StackTraceArguments.class) {
            adapter = new ArgumentAdapters.StackTrace(gson, this);
        } else if (raw == ScopesArguments.class) {
            adapter = new ArgumentAdapters.Scopes(gson, this);
        } else if (raw == VariablesArguments.class) {
            adapter = new ArgumentAdapters.Variables(gson, this);
        } else {
            return null;
        }
        return (TypeAdapter<T>) adapter;
    }
}
