package dev.trapdoor.engine.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into {@link Token}s, skipping white space and comments ({@code ;;} to the end of the line, nested
 * {@code (; ;)}). A token runs until white space, a parenthesis or a comment; a run that mixes id characters and
 * strings is one {@link Token.Kind#RESERVED} token, as the 3.0 grammar says. {@code (@name} is one
 * {@link Token.Kind#LPAREN} token whose text starts {@code (@}: an annotation.
 */
final class Lexer {
    private final String file;
    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static List<Token> tokenize(String file, String src) {
        Lexer lx = new Lexer(file, src);
        List<Token> out = new ArrayList<>();
        for (Token t = lx.next(); ; t = lx.next()) {
            out.add(t);
            if (t.kind() == Token.Kind.EOF) {
                return out;
            }
        }
    }

    static boolean isIdChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(c) >= 0;
    }

    private TextFormatException error(int at, String reason) {
        int l = 1;
        int ls = 0;
        for (int i = 0; i < at && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                l++;
                ls = i + 1;
            }
        }
        return new TextFormatException(file, l, at - ls + 1, reason);
    }

    private Token next() {
        skipBlanks();
        int start = pos;
        int col = pos - lineStart + 1;
        if (pos >= src.length()) {
            return new Token(Token.Kind.EOF, "", null, line, col);
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            if (pos < src.length() && src.charAt(pos) == '@') {
                int end = runEnd();
                if (end > pos + 1 && src.charAt(pos + 1) == '"') {
                    int save = pos;
                    pos++;
                    byte[] name = string();
                    pos = save;
                    if (name.length == 0 || !validUtf8(name)) {
                        throw error(start, "an annotation name must be non-empty, valid UTF-8");
                    }
                }
                if (end > pos + 1) {
                    pos = end;
                    return new Token(Token.Kind.LPAREN, src.substring(start, end), null, line, col);
                }
                // "(@" without a name is no annotation: "(" and then a reserved "@..." token.
            }
            return new Token(Token.Kind.LPAREN, "(", null, line, col);
        }
        if (c == ')') {
            pos++;
            return new Token(Token.Kind.RPAREN, ")", null, line, col);
        }
        if (c != '"' && !isIdChar(c) && !isReservedChar(c)) {
            throw error(pos, "unexpected character " + describe(c));
        }
        int strings = 0;
        int idChars = 0;
        boolean reserved = false;
        byte[] lastString = null;
        while (pos < src.length()) {
            char d = src.charAt(pos);
            if (d == '"') {
                lastString = string();
                strings++;
            } else if (isIdChar(d) || (isReservedChar(d) && !src.startsWith(";;", pos))) {
                reserved |= !isIdChar(d);
                pos++;
                idChars++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        if (reserved) {
            return new Token(Token.Kind.RESERVED, text, null, line, col);
        }
        if (strings == 1 && idChars == 0) {
            return new Token(Token.Kind.STRING, text, lastString, line, col);
        }
        if (strings == 1 && idChars == 1 && c == '$') {
            if (lastString.length == 0 || !validUtf8(lastString)) {
                throw error(start, "an identifier must be non-empty, valid UTF-8");
            }
            return new Token(Token.Kind.ID, text, lastString, line, col);
        }
        if (strings == 0) {
            if (c == '$' && text.length() > 1) {
                return new Token(Token.Kind.ID, text, null, line, col);
            }
            if (c >= 'a' && c <= 'z') {
                return new Token(Token.Kind.KEYWORD, text, null, line, col);
            }
        }
        return new Token(Token.Kind.RESERVED, text, null, line, col);
    }

    /** 3.0 makes these reserved tokens (annotations may hold them); they are no valid token of a module. */
    private static boolean isReservedChar(int c) {
        return c == ',' || c == ';' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    private int runEnd() {
        int p = pos;
        while (p < src.length() && isIdChar(src.charAt(p))) {
            p++;
        }
        if (p == pos + 1 && p < src.length() && src.charAt(p) == '"') {
            int save = pos;
            pos = p;
            string();
            p = pos;
            pos = save;
        }
        return p;
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                // A line comment ends at any newline, CR included.
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '(' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("(;", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith(";)", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (src.charAt(pos) == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                pos++;
            }
        }
        throw error(start, "unterminated block comment");
    }

    /** Reads a string at {@code pos} (on its opening quote) and returns its bytes. */
    private byte[] string() {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= src.length()) {
                throw error(start, "unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c == '\n' || c < 0x20 || c == 0x7F) {
                throw error(pos, "control character " + describe(c) + " in a string");
            }
            if (c != '\\') {
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(b);
                continue;
            }
            pos++;
            if (pos >= src.length()) {
                throw error(start, "unterminated string");
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case '\\' -> out.write('\\');
                case 'u' -> unicodeEscape(out);
                default -> {
                    int hi = Character.digit(e, 16);
                    int lo = pos < src.length() ? Character.digit(src.charAt(pos), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        throw error(pos - 2, "unknown escape in a string");
                    }
                    pos++;
                    out.write(hi * 16 + lo);
                }
            }
        }
    }

    private void unicodeEscape(ByteArrayOutputStream out) {
        int at = pos - 2;
        if (pos >= src.length() || src.charAt(pos) != '{') {
            throw error(at, "expected \\u{hex} in a string");
        }
        pos++;
        long cp = 0;
        int digits = 0;
        boolean underscoreOk = false;
        while (pos < src.length() && src.charAt(pos) != '}') {
            char h = src.charAt(pos++);
            if (h == '_' && underscoreOk) {
                underscoreOk = false;
                continue;
            }
            int d = Character.digit(h, 16);
            if (d < 0) {
                throw error(at, "expected hex digits in \\u{...}");
            }
            cp = Math.min(cp * 16 + d, 0x7FFF_FFFFL);
            digits++;
            underscoreOk = true;
        }
        if (pos >= src.length() || digits == 0 || !underscoreOk) {
            throw error(at, "expected hex digits and } in \\u{...}");
        }
        pos++;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
            throw error(at, "\\u{" + Long.toHexString(cp) + "} is not a Unicode scalar value");
        }
        out.writeBytes(new String(Character.toChars((int) cp)).getBytes(StandardCharsets.UTF_8));
    }

    static boolean validUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
