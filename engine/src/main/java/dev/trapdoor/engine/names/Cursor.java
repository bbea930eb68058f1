package dev.trapdoor.engine.names;

/** A position in a mangled symbol and the lexical steps the Itanium grammar is made of. */
abstract class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
        this.s = s;
    }


    int number() {
        int start = pos;
        while (!atEnd() && Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos) {
            throw new Demangle.Failed();
        }
        try {
            return Integer.parseInt(s.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new Demangle.Failed();
        }
    }

    int seqId() {
        int v = 0;
        int start = pos;
        while (!atEnd() && (Character.isDigit(peek()) || Character.isUpperCase(peek()))) {
            char c = next();
            v = v * 36 + (Character.isDigit(c) ? c - '0' : c - 'A' + 10);
        }
        if (start == pos) {
            throw new Demangle.Failed();
        }
        return v;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
    }

    char next() {
        if (atEnd()) {
            throw new Demangle.Failed();
        }
        return s.charAt(pos++);
    }

    boolean eat(String token) {
        if (s.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    void skip(int n) {
        pos += n;
    }

    void expect(String token) {
        if (!eat(token)) {
            throw new Demangle.Failed();
        }
    }
}
