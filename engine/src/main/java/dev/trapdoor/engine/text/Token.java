package dev.trapdoor.engine.text;

/**
 * One token of the text format.
 *
 * @param kind   what it is
 * @param text   the source text (for strings, with the quotes and escapes as written)
 * @param bytes  a string's decoded bytes; {@code null} for other kinds
 * @param line   1-based line of the first character
 * @param column 1-based column of the first character
 */
public record Token(Kind kind, String text, byte[] bytes, int line, int column) {
    public enum Kind {
        LPAREN, RPAREN, STRING,
        /** {@code $name} (or {@code $"name"}): {@link #text} keeps the {@code $}. */
        ID,
        /** Starts with a lowercase letter: instruction names, {@code func}, {@code nan:0x7f}, {@code offset=4}. */
        KEYWORD,
        /** Anything else made of id characters: numbers, and text that is no token at all. */
        RESERVED,
        EOF
    }

    /** For an id, its name without the {@code $}. */
    public String idName() {
        if (bytes != null) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return text.substring(1);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EOF -> "end of input";
            case LPAREN -> "\"(\"";
            case RPAREN -> "\")\"";
            default -> "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        };
    }
}
