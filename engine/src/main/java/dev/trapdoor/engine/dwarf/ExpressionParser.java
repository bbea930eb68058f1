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
                    Cast cast = castType();
                    if (cast != null) {
                        Node operand = unary();
                        return () -> ops.cast(cast.type(), cast.pointers(), operand.eval());
                    }
                }
                default -> {
                }
            }
        }
        return postfix();
    }

    /** A cast's target: a type name and how many pointers to it. */
    private record Cast(String type, int pointers) {
    }

    /**
     * If a cast starts here, {@code (type words)}, {@code (Name*)}, {@code (geo::Rect*)} or {@code (const char*)},
     * consumes it and returns the type; else consumes nothing. A name counts as a type only when the program defines
     * one, so {@code (x)} and {@code (a * b)} stay expressions.
     */
    private Cast castType() throws EvaluationException {
        int i = at + 1;
        StringBuilder name = new StringBuilder();
        while (tokens.get(i).kind() == ExpressionLexer.Kind.IDENTIFIER && TYPE_WORDS.contains(tokens.get(i).text())) {
            name.append(name.isEmpty() ? "" : " ").append(tokens.get(i).text());
            i++;
        }
        if (name.isEmpty()) {
            int[] end = {i};
            String typeName = typeName(end);
            int j = end[0];
            while (typeName != null && tokens.get(j).is("*")) {
                j++;
            }
            // (Name*) can only be a cast; (Name) only when the program has the type, else it is an expression.
            boolean pointerCast = j > end[0] && tokens.get(j).is(")");
            if (typeName == null || !pointerCast && !ops.isType(typeName)) {
                return null;
            }
            name.append(typeName);
            i = end[0];
        }
        int pointers = 0;
        while (tokens.get(i).is("*")) {
            pointers++;
            i++;
        }
        if (!tokens.get(i).is(")")) {
            return null;
        }
        at = i + 1;
        return new Cast(name.toString(), pointers);
    }

    /**
     * A possibly qualified type name at {@code end[0]} ({@code struct Rect}, {@code const geo::Rect}), advancing it;
     * null when there is none.
     */
    private String typeName(int[] end) {
        int i = end[0];
        while (tokens.get(i).kind() == ExpressionLexer.Kind.IDENTIFIER
                && Set.of("const", "struct", "class", "union", "enum", "volatile").contains(tokens.get(i).text())) {
            i++;
        }
        if (tokens.get(i).kind() != ExpressionLexer.Kind.IDENTIFIER) {
            return null;
        }
        StringBuilder name = new StringBuilder(tokens.get(i++).text());
        while (tokens.get(i).is("::") && tokens.get(i + 1).kind() == ExpressionLexer.Kind.IDENTIFIER) {
            name.append("::").append(tokens.get(i + 1).text());
            i += 2;
        }
        while (tokens.get(i).kind() == ExpressionLexer.Kind.IDENTIFIER && tokens.get(i).text().equals("const")) {
            i++;
        }
        end[0] = i;
        return name.toString();
    }

    /** {@code static_cast<T>(e)}, {@code reinterpret_cast<T>(e)} (C++), after the keyword. */
    private Node namedCast(ExpressionLexer.Token keyword) throws EvaluationException {
        expect("<");
        int[] end = {at};
        String typeName = typeName(end);
        if (typeName == null) {
            throw error("expected a type after '" + keyword.text() + "<'");
        }
        at = end[0];
        int pointers = 0;
        while (peek().is("*")) {
            next();
            pointers++;
        }
        expect(">");
        expect("(");
        Node operand = binary(0);
        expect(")");
        int stars = pointers;
        return () -> ops.cast(typeName, stars, operand.eval());
    }

    private Node postfix() throws EvaluationException {
        Node n = primary();
        while (true) {
            ExpressionLexer.Token t = peek();
            if (t.kind() == ExpressionLexer.Kind.NUMBER && t.text().matches("\\.\\d+")) {
                next(); // a Rust tuple field, lexed as a number: pair.0
                Node base = n;
                String field = t.text().substring(1);
                n = () -> ops.member(base.eval(), field, false);
            } else if (t.is(".") || t.is("->")) {
                next();
                ExpressionLexer.Token member = next();
                if (member.kind() != ExpressionLexer.Kind.IDENTIFIER) {
                    throw error("expected a member name after '" + t.text() + "'");
                }
                Node base = n;
                boolean arrow = t.is("->");
                if (peek().is("(") && tokens.get(at + 1).is(")")
                        && (member.text().equals("len") || member.text().equals("size"))) {
                    next();
                    next();
                    n = () -> ops.length(arrow ? ops.unary("*", base.eval()) : base.eval(), member.text());
                    continue;
                }
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
                if ((t.text().equals("static_cast") || t.text().equals("reinterpret_cast")) && peek().is("<")) {
                    yield namedCast(t);
                }
                StringBuilder name = new StringBuilder(t.text());
                while (peek().is("::")) { // a qualified global: config::limit
                    next();
                    ExpressionLexer.Token part = next();
                    if (part.kind() != ExpressionLexer.Kind.IDENTIFIER) {
                        throw error("expected a name after '::'", part);
                    }
                    name.append("::").append(part.text());
                }
                String qualified = name.toString();
                yield () -> ops.variable(qualified);
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
