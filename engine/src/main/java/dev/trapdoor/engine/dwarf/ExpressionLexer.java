package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/** Splits a C expression into tokens: identifiers, numbers, character literals and operators. */
final class ExpressionLexer {
    enum Kind { IDENTIFIER, NUMBER, CHAR, OPERATOR, END }

    record Token(Kind kind, String text, int position) {
        boolean is(String operator) {
            return kind == Kind.OPERATOR && text.equals(operator);
        }
    }

    /** Longest first, so that {@code <<} is not read as two {@code <}. */
    private static final String[] OPERATORS = {"::", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", ".", "[",
            "]", "(", ")", "*", "&", "+", "-", "/", "%", "<", ">", "!", "~", "^", "|"};

    private ExpressionLexer() {
    }

    static List<Token> tokens(String text) throws EvaluationException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.IDENTIFIER, text.substring(start, i), start));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1))) {
                int start = i;
                boolean hex = c == '0' && i + 1 < text.length() && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X');
                i += hex ? 2 : 0;
                while (i < text.length()) {
                    char d = text.charAt(i);
                    boolean exponentSign = (d == '+' || d == '-') && !hex
                            && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E');
                    if (Character.isLetterOrDigit(d) || d == '.' || exponentSign) {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + (i + 1 < text.length() && text.charAt(i + 1) == '\\' ? 3 : 2));
                if (end < 0) {
                    throw new EvaluationException("unterminated character literal at position " + (i + 1));
                }
                out.add(new Token(Kind.CHAR, text.substring(i, end + 1), i));
                i = end + 1;
            } else {
                String op = null;
                for (String candidate : OPERATORS) {
                    if (text.startsWith(candidate, i)) {
                        op = candidate;
                        break;
                    }
                }
                if (op == null) {
                    throw new EvaluationException("unexpected '" + c + "' at position " + (i + 1));
                }
                out.add(new Token(Kind.OPERATOR, op, i));
                i += op.length();
            }
        }
        out.add(new Token(Kind.END, "", text.length()));
        return out;
    }
}
