package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

import java.io.IOException;

/** The bodies of the events every step sends: stopped (and continued, where the server sends it). */
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
}
