package dev.trapdoor.dap.source;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the C evaluator's answers for the two-level evaluation: which failures mean "not a C expression for this
 * program" (so the Wasm-level language gets its turn) and which are real C errors to report.
 */
final class CEvaluationErrors {
    /** The lexer's and parser's messages all end with the position of the offending token. */
    private static final Pattern SYNTAX = Pattern.compile(".* at position \\d+$|empty expression");
    /** Identifiers not following {@code .} or {@code ->} (which are members) and outside character literals. */
    private static final Pattern NAME = Pattern.compile("'(?:\\\\.|[^'\\\\])*'|(\\.|->)?\\s*\\b([A-Za-z_]\\w*)");
    private static final Set<String> KEYWORDS = Set.of("char", "short", "int", "long", "signed", "unsigned",
            "float", "double", "_Bool", "bool", "struct", "union", "enum", "const", "volatile", "sizeof");

    private CEvaluationErrors() {
    }

    /** Whether the C evaluator's failure declines the expression rather than reporting an error in it. */
    static boolean declines(String message) {
        return message != null && (message.startsWith("no variable named ") || SYNTAX.matcher(message).matches());
    }

    /** The variable names an expression uses. */
    static Set<String> identifiers(String expression) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME.matcher(expression);
        while (m.find()) {
            String name = m.group(2);
            if (name != null && m.group(1) == null && !KEYWORDS.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
