package dev.trapdoor.dap.transport.json;

/**
 * A JSON string as LSP4J's Gson writes it (HTML-safe, the default): quotes, backslashes and control characters
 * escaped (short forms where JSON has them, else {@code \}{@code u00XX}), {@code < > & = '} as four-hex-digit escapes,
 * and the line and paragraph separators U+2028/U+2029 too; every other char as it is, surrogates paired or not (the
 * frame's UTF-8 encoding then treats them alike on both paths).
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code s} (not null) as a quoted JSON string. */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = escape(c);
            if (escape != null) {
                out.append(s, from, i);
                if (escape.isEmpty()) {
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
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
            return c == '\u2028' || c == '\u2029' ? "" : null;
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
