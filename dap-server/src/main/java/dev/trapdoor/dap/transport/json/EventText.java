package dev.trapdoor.dap.transport.json;

import org.eclipse.lsp4j.debug.StoppedEventArguments;

/**
 * The whole JSON of the two events the engine thread sends, written straight into a builder: an {@code output} event
 * with a category and text and nothing else (what a program's print and the server's own notes are; a step over a
 * {@code printf} sends one), and the {@code stopped} event every step ends with. The same characters LSP4J's handler
 * writes for those messages, field order and Gson's escaping included (HTML-safe, and the line and paragraph
 * separators U+2028/U+2029), without the client proxy's reflection, the message object, a {@code JsonWriter} and the
 * type adapters (benchmarks/RESULTS.md, session 24).
 */
public final class EventText {
    private EventText() {
    }

    /** Appends the output event with sequence number {@code seq}; {@code category} and {@code output} are not null. */
    public static void output(StringBuilder out, int seq, String category, String output) {
        out.append("{\"type\":\"event\",\"seq\":").append(seq).append(",\"event\":\"output\",\"body\":{\"category\":");
        JsonText.string(out, category);
        out.append(",\"output\":");
        JsonText.string(out, output);
        out.append("}}");
    }

    /** Appends the stopped event with sequence number {@code seq}; its fields in {@link EventAdapters.Stopped}'s order. */
    public static void stopped(StringBuilder out, int seq, StoppedEventArguments e) {
        out.append("{\"type\":\"event\",\"seq\":").append(seq).append(",\"event\":\"stopped\",\"body\":{");
        int start = out.length();
        field(out, start, "reason", e.getReason());
        field(out, start, "description", e.getDescription());
        if (e.getThreadId() != null) {
            name(out, start, "threadId").append(e.getThreadId().intValue());
        }
        if (e.getPreserveFocusHint() != null) {
            name(out, start, "preserveFocusHint").append(e.getPreserveFocusHint().booleanValue());
        }
        field(out, start, "text", e.getText());
        if (e.getAllThreadsStopped() != null) {
            name(out, start, "allThreadsStopped").append(e.getAllThreadsStopped().booleanValue());
        }
        Integer[] ids = e.getHitBreakpointIds();
        if (ids != null) {
            name(out, start, "hitBreakpointIds").append('[');
            for (int i = 0; i < ids.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(ids[i] == null ? "null" : ids[i].toString());
            }
            out.append(']');
        }
        out.append("}}");
    }

    private static void field(StringBuilder out, int start, String name, String value) {
        if (value != null) {
            JsonText.string(name(out, start, name), value);
        }
    }

    /** Appends a member's name (after a comma unless it is the object's first, which starts at {@code start}). */
    private static StringBuilder name(StringBuilder out, int start, String name) {
        if (out.length() > start) {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }
}
