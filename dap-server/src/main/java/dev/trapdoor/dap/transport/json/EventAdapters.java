package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsGroup;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

import java.io.IOException;

/**
 * The bodies of the events every step sends: stopped (and continued, where the server sends it), and output, which
 * every line a program prints is (its engine thread writes it: a step over a printf waited for Gson's reflective
 * writer, benchmarks/RESULTS.md, session 21).
 */
final class EventAdapters {
    private EventAdapters() {
    }

    static final class Stopped extends WriteAdapter<StoppedEventArguments> {
        Stopped(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, StoppedEventArguments.class);
        }

        @Override
        void members(JsonWriter out, StoppedEventArguments e) throws IOException {
            Fields.string(out, "reason", e.getReason());
            Fields.string(out, "description", e.getDescription());
            Fields.integer(out, "threadId", e.getThreadId());
            Fields.bool(out, "preserveFocusHint", e.getPreserveFocusHint());
            Fields.string(out, "text", e.getText());
            Fields.bool(out, "allThreadsStopped", e.getAllThreadsStopped());
            Integer[] ids = e.getHitBreakpointIds();
            if (ids != null) {
                out.name("hitBreakpointIds").beginArray();
                for (Integer id : ids) {
                    if (id == null) {
                        out.nullValue();
                    } else {
                        out.value(id.longValue());
                    }
                }
                out.endArray();
            }
        }
    }

    static final class Continued extends WriteAdapter<ContinuedEventArguments> {
        Continued(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, ContinuedEventArguments.class);
        }

        @Override
        void members(JsonWriter out, ContinuedEventArguments e) throws IOException {
            out.name("threadId").value(e.getThreadId());
            Fields.bool(out, "allThreadsContinued", e.getAllThreadsContinued());
        }
    }

    static final class Output extends WriteAdapter<OutputEventArguments> {
        private final TypeAdapter<OutputEventArgumentsGroup> group;
        private final TypeAdapter<Source> source;
        private final TypeAdapter<Object> object;

        Output(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, OutputEventArguments.class);
            this.group = gson.getAdapter(OutputEventArgumentsGroup.class);
            this.source = gson.getAdapter(Source.class);
            this.object = gson.getAdapter(Object.class);
        }

        @Override
        void members(JsonWriter out, OutputEventArguments e) throws IOException {
            Fields.string(out, "category", e.getCategory());
            Fields.string(out, "output", e.getOutput());
            Fields.other(out, "group", e.getGroup(), group);
            Fields.integer(out, "variablesReference", e.getVariablesReference());
            Fields.other(out, "source", e.getSource(), source);
            Fields.integer(out, "line", e.getLine());
            Fields.integer(out, "column", e.getColumn());
            Fields.other(out, "data", e.getData(), object);
            Fields.integer(out, "locationReference", e.getLocationReference());
        }
    }
}
