package dev.trapdoor.engine.dwarf;

import java.util.List;
import java.util.Set;

/**
 * Recursive descent over C's expression grammar (C11 section 6.5, without assignment, comma, conditional and calls),
 * building a tree that {@link Operations} evaluates; a tree rather than direct evaluation so that {@code &&} and
 * {@code ||} short-circuit, as in {@code p && p->x}.
 */
final class ExpressionParser {
    interface Node {
        Value eval() throws EvaluationException;
    }

    private static final List<List<String>> BINARY_LEVELS = List.of(List.of("||"), List.of("&&"), List.of("|"),
            List.of("^"), List.of("&"), List.of("==", "!="), List.of("<", "<=", ">", ">="), List.of("<<", ">>"),
            List.of("+", "-"), List.of("*", "/", "%"));
    private static final Set<String> TYPE_WORDS = Set.of("char", "short", "int", "long", "signed", "unsigned", "float",
            "double", "_Bool", "bool");

    /**
     * Nesting of parentheses, unary operators and casts the parser follows (it recurses): 100,000 nested
     * parentheses are an error, not a StackOverflowError.
     */
    static final int MAX_DEPTH = 200;

    private final List<ExpressionLexer.Token> tokens;
    private final Operations ops;
    private int at;
    private int depth;

    ExpressionParser(List<ExpressionLexer.Token> tokens, Operations ops) {
        this.tokens = tokens;
        this.ops = ops;
    }

    Node parse() throws EvaluationException {
        if (peek().kind() == ExpressionLexer.Kind.END) {
            throw new EvaluationException("empty expression");
        }
        Node n = binary(0);
        if (peek().kind() != ExpressionLexer.Kind.END) {
            throw error("unexpected '" + peek().text() + "'");
        }
        return n;
    }

    private Node binary(int level) throws EvaluationException {
        if (level == BINARY_LEVELS.size()) {
            return unary();
        }
        Node left = binary(level + 1);
        while (peek().kind() == ExpressionLexer.Kind.OPERATOR && BINARY_LEVELS.get(level).contains(peek().text())) {
            String op = next().text();
            Node l = left;
            Node r = binary(level + 1);
            left = switch (op) {
                case "&&" -> () -> ops.truth(l.eval()) ? ops.bool(ops.truth(r.eval())) : ops.bool(false);
                case "||" -> () -> ops.truth(l.eval()) ? ops.bool(true) : ops.bool(ops.truth(r.eval()));
                default -> () -> ops.binary(op, l.eval(), r.eval());
            };
        }
        return left;
    }

    private Node unary() throws EvaluationException {
        if (++depth > MAX_DEPTH) {
            throw error("expression nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return unaryNested();
        } finally {
            depth--;
        }
    }

    private Node unaryNested() throws EvaluationException {
        ExpressionLexer.Token t = peek();
        if (t.kind() == ExpressionLexer.Kind.OPERATOR) {
            switch (t.text()) {
                case "-", "+", "!", "~", "*", "&" -> {
                    next();
                    Node operand = unary();
                    return () -> ops.unary(t.text(), operand.eval());
                }
                case "(" -> {
                    String type = castType();
                    if (type != null) {
                        Node operand = unary();
                        return () -> ops.cast(type, operand.eval());
                    }
                }
                default -> {
                }
            }
        }
        return postfix();
    }

    /** If a cast {@code (type words)} starts here, consumes it and returns the type's name; else consumes nothing. */
    private String castType() throws EvaluationException {
        int i = at + 1;
        StringBuilder name = new StringBuilder();
        while (tokens.get(i).kind() == ExpressionLexer.Kind.IDENTIFIER && TYPE_WORDS.contains(tokens.get(i).text())) {
            name.append(name.isEmpty() ? "" : " ").append(tokens.get(i).text());
            i++;
        }
        if (name.isEmpty() || !tokens.get(i).is(")")) {
            if (!name.isEmpty() && tokens.get(i).is("*")) {
                throw error("casts to pointer types are not supported; cast to a base type");
            }
            return null;
        }
        at = i + 1;
        return name.toString();
    }

    private Node postfix() throws EvaluationException {
        Node n = primary();
        while (true) {
            ExpressionLexer.Token t = peek();
            if (t.is(".") || t.is("->")) {
                next();
                ExpressionLexer.Token member = next();
                if (member.kind() != ExpressionLexer.Kind.IDENTIFIER) {
                    throw error("expected a member name after '" + t.text() + "'");
                }
                Node base = n;
                boolean arrow = t.is("->");
                n = () -> ops.member(base.eval(), member.text(), arrow);
            } else if (t.is("[")) {
                next();
                Node base = n;
                Node index = binary(0);
                expect("]");
                n = () -> ops.index(base.eval(), index.eval());
            } else {
                return n;
            }
        }
    }

    private Node primary() throws EvaluationException {
        ExpressionLexer.Token t = next();
        return switch (t.kind()) {
            case IDENTIFIER -> {
                if (t.text().equals("true") || t.text().equals("false")) {
                    yield () -> ops.bool(t.text().equals("true"));
                }
                yield () -> ops.variable(t.text());
            }
            case NUMBER -> {
                Value literal = ops.number(t.text());
                yield () -> literal;
            }
            case CHAR -> {
                Value literal = ops.character(t.text());
                yield () -> literal;
            }
            case OPERATOR -> {
                if (!t.is("(")) {
                    throw error("unexpected '" + t.text() + "'", t);
                }
                Node inner = binary(0);
                expect(")");
                yield inner;
            }
            case END -> throw error("unexpected end of expression", t);
        };
    }

    private void expect(String operator) throws EvaluationException {
        if (!peek().is(operator)) {
            throw error("expected '" + operator + "'");
        }
        next();
    }

    private ExpressionLexer.Token peek() {
        return tokens.get(at);
    }

    private ExpressionLexer.Token next() {
        ExpressionLexer.Token t = tokens.get(at);
        if (t.kind() != ExpressionLexer.Kind.END) {
            at++;
        }
        return t;
    }

    private EvaluationException error(String message) {
        return error(message, peek());
    }

    private static EvaluationException error(String message, ExpressionLexer.Token where) {
        return new EvaluationException(message + " at position " + (where.position() + 1));
    }
}
