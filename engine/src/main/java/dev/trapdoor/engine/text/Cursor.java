package dev.trapdoor.engine.text;

import java.util.List;

/**
 * Walks the items of one list from left to right, skipping annotations (unless asked for them), with the small
 * questions a recursive-descent parser asks: is the next item this keyword, this list, an id? Errors say what was
 * expected and what was found, at the found item's position (or the list's, at its end).
 */
final class Cursor {
    private final String file;
    private final List<SExpr> items;
    private final Token owner;
    private int i;

    Cursor(String file, SExpr.Group group, int start) {
        this(file, group.items(), group.open(), start);
    }

    Cursor(String file, List<SExpr> items, Token owner, int start) {
        this.file = file;
        this.items = items;
        this.owner = owner;
        this.i = start;
    }

    String file() {
        return file;
    }

    private void skipAnnotations() {
        while (i < items.size() && items.get(i) instanceof SExpr.Group g && g.annotation() != null) {
            i++;
        }
    }

    boolean atEnd() {
        skipAnnotations();
        return i >= items.size();
    }

    /** The next item, or {@code null} at the end. */
    SExpr peek() {
        skipAnnotations();
        return i < items.size() ? items.get(i) : null;
    }

    /** The item after the next, or {@code null}. */
    SExpr peekSecond() {
        skipAnnotations();
        int j = i + 1;
        while (j < items.size() && items.get(j) instanceof SExpr.Group g && g.annotation() != null) {
            j++;
        }
        return j < items.size() ? items.get(j) : null;
    }

    /** The next item, annotations included, or {@code null} at the end. */
    SExpr peekRaw() {
        return i < items.size() ? items.get(i) : null;
    }

    void skipRaw() {
        i++;
    }

    /** Whether a list with this head is among the remaining items. */
    boolean containsGroup(String head) {
        for (int j = i; j < items.size(); j++) {
            if (items.get(j) instanceof SExpr.Group g && head.equals(g.head())) {
                return true;
            }
        }
        return false;
    }

    /** A cursor at the item after the next one (to look two items ahead). */
    Cursor afterNext() {
        skipAnnotations();
        return new Cursor(file, items, owner, Math.min(i + 1, items.size()));
    }

    SExpr next() {
        SExpr e = peek();
        if (e == null) {
            throw error("an item");
        }
        i++;
        return e;
    }

    Token peekAtom() {
        return peek() instanceof SExpr.Atom a ? a.token() : null;
    }

    boolean isKeyword(String kw) {
        Token t = peekAtom();
        return t != null && t.kind() == Token.Kind.KEYWORD && t.text().equals(kw);
    }

    boolean isKind(Token.Kind kind) {
        Token t = peekAtom();
        return t != null && t.kind() == kind;
    }

    boolean isGroup(String head) {
        return peek() instanceof SExpr.Group g && head.equals(g.head());
    }

    boolean isGroup() {
        return peek() instanceof SExpr.Group;
    }

    Token atom(String expected) {
        Token t = peekAtom();
        if (t == null) {
            throw error(expected);
        }
        i++;
        return t;
    }

    Token atom(Token.Kind kind, String expected) {
        Token t = peekAtom();
        if (t == null || t.kind() != kind) {
            throw error(expected);
        }
        i++;
        return t;
    }

    void keyword(String kw) {
        if (!isKeyword(kw)) {
            throw error("\"" + kw + "\"");
        }
        i++;
    }

    boolean takeKeyword(String kw) {
        if (isKeyword(kw)) {
            i++;
            return true;
        }
        return false;
    }

    /** An optional {@code $id}: its name, or {@code null}. */
    String optId() {
        if (isKind(Token.Kind.ID)) {
            return atom("an id").idName();
        }
        return null;
    }

    SExpr.Group group(String head) {
        if (!isGroup(head)) {
            throw error("(" + head + " ...)");
        }
        i++;
        return (SExpr.Group) items.get(i - 1);
    }

    SExpr.Group group(String expected, boolean any) {
        if (!(peek() instanceof SExpr.Group g)) {
            throw error(expected);
        }
        i++;
        return g;
    }

    /** A cursor over a list's contents after its head keyword. */
    Cursor inside(SExpr.Group g) {
        return new Cursor(file, g, g.headIndex() + 1);
    }

    void end(String context) {
        if (!atEnd()) {
            throw error("\")\" to end " + context);
        }
    }

    TextFormatException error(String expected) {
        SExpr found = peek();
        if (found == null) {
            return new TextFormatException(file, owner.line(), owner.column(),
                    "expected " + expected + " before the \")\" closing this list");
        }
        String what = found instanceof SExpr.Atom a ? a.token().toString()
                : "\"(" + (((SExpr.Group) found).head() == null ? "" : ((SExpr.Group) found).head()) + " ...\"";
        return at(found.start(), "expected " + expected + ", found " + what);
    }

    TextFormatException at(Token t, String reason) {
        return new TextFormatException(file, t.line(), t.column(), reason);
    }
}
