package dev.trapdoor.dap.transport.json;

/**
 * The whole JSON of an {@code output} event with a category and text and nothing else (what a program's print and
 * the server's own notes are), written straight into a builder: the same characters LSP4J's handler writes for that
 * message, field order and Gson's escaping included (HTML-safe, and the line and paragraph separators U+2028/U+2029), without the client
 * proxy's reflection, the message object, a {@code JsonWriter} and the type adapters. A step over a {@code printf}
 * sends one on the engine thread (benchmarks/RESULTS.md, session 24).
 */
public final class OutputEventText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OutputEventText() {
    }

    /** Appends the event with sequence number {@code seq}; {@code category} and {@code output} are not null. */
    public static void append(StringBuilder out, int seq, String category, String output) {
        out.append("{\"type\":\"event\",\"seq\":").append(seq).append(",\"event\":\"output\",\"body\":{\"category\":");
        string(out, category);
        out.append(",\"output\":");
        string(out, output);
        out.append("}}");
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = escape(c);
            if (escape != null) {
                out.append(s, from, i);
                if (escape.isEmpty()) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    out.append(escape);
                }
                from = i + 1;
            }
        }
        out.append(s, from, n).append('"');
    }

    /** Gson's escape for {@code c}: null when written as is, "" for a four-hex-digit escape. */
    private static String escape(char c) {
        if (c >= 0x80) {
            return c == '\u2028' ? "\\u2028" : c == '\u2029' ? "\\u2029" : null;
        }
        switch (c) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\t':
                return "\\t";
            case '\b':
                return "\\b";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\f':
                return "\\f";
            case '<':
            case '>':
            case '&':
            case '=':
            case '\'':
                return "";
            default:
                return c < 0x20 ? "" : null;
        }
    }
}
