package dev.trapdoor.engine.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads text into its top-level {@link SExpr}s; unbalanced parentheses are errors with positions. */
public final class SExprReader {
    private final String file;
    private final List<Token> tokens;
    private int i;

    private SExprReader(String file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** Decodes UTF-8 strictly: a source that is not UTF-8 is malformed text. */
    public static String decode(String file, byte[] source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(source)).toString();
        } catch (CharacterCodingException e) {
            throw new TextFormatException(file, 1, 1, "the text is not valid UTF-8");
        }
    }

    public static List<SExpr> read(String file, String text) {
        SExprReader r = new SExprReader(file, Lexer.tokenize(file, text));
        List<SExpr> out = new ArrayList<>();
        while (r.peek().kind() != Token.Kind.EOF) {
            out.add(r.node());
        }
        return out;
    }

    private Token peek() {
        return tokens.get(i);
    }

    private SExpr node() {
        Token t = tokens.get(i++);
        switch (t.kind()) {
            case RPAREN -> throw new TextFormatException(file, t.line(), t.column(), "unexpected \")\"");
            case LPAREN -> {
                List<SExpr> items = new ArrayList<>();
                while (peek().kind() != Token.Kind.RPAREN) {
                    if (peek().kind() == Token.Kind.EOF) {
                        throw new TextFormatException(file, t.line(), t.column(),
                                "expected \")\" to close this \"(\" before the end of the text");
                    }
                    items.add(node());
                }
                i++;
                String annotation = t.text().startsWith("(@") ? annotationName(t) : null;
                return new SExpr.Group(t, List.copyOf(items), annotation);
            }
            default -> {
                return new SExpr.Atom(t);
            }
        }
    }

    private String annotationName(Token t) {
        String name = t.text().substring(2);
        if (name.startsWith("\"")) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
