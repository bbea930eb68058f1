package dev.trapdoor.engine.text;

import java.util.List;

/** A node of the parenthesised tree: one token, or a list. */
public sealed interface SExpr {
    /** The first token of the node, for positions in messages. */
    Token start();

    /** One token that is not a parenthesis. */
    record Atom(Token token) implements SExpr {
        @Override
        public Token start() {
            return token;
        }
    }

    /**
     * A parenthesised list.
     *
     * @param open       the opening token ({@code (} or, for an annotation, {@code (@name})
     * @param items      the contents
     * @param annotation the annotation's name without {@code @}, or {@code null} for an ordinary list
     */
    record Group(Token open, List<SExpr> items, String annotation) implements SExpr {
        @Override
        public Token start() {
            return open;
        }

        /** The index of the first item that is not an annotation ({@code items().size()} if none). */
        public int headIndex() {
            int i = 0;
            while (i < items.size() && items.get(i) instanceof Group g && g.annotation() != null) {
                i++;
            }
            return i;
        }

        /** The keyword the list starts with (annotations before it aside), or {@code null}. */
        public String head() {
            int i = headIndex();
            if (annotation != null || i >= items.size() || !(items.get(i) instanceof Atom a)
                    || a.token().kind() != Token.Kind.KEYWORD) {
                return null;
            }
            return a.token().text();
        }
    }
}
