package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.wasi.Errno;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A breakpoint condition on a host call's decoded values ({@code path == "config.toml"}, {@code errno != 0},
 * {@code fd == 1 && nwritten > 3}, {@code arg1 > 0.5}): names, strings, integers (decimal or hex), decimals and errno names ({@code ENOENT}),
 * compared with {@code == != < <= > >=}, combined with {@code && || !} and parentheses. A bare value holds when it is
 * a non-zero number or a non-empty string. A name the call has without a value (a result a failed call did not
 * write) makes every comparison with it false, and is itself false.
 */
public final class HostCallCondition {
    private final String text;
    private final Map<String, Object> values;
    private int pos;

    private HostCallCondition(String text, Map<String, Object> values) {
        this.text = text;
        this.values = values;
    }

    /** Whether the condition holds for {@code values} (each a {@link Long}, {@link Double} or {@link String}). */
    public static boolean holds(String condition, Map<String, Object> values) {
        HostCallCondition c = new HostCallCondition(condition, values);
        Object v = c.or();
        c.skipSpaces();
        if (c.pos < condition.length()) {
            throw new EvalException("unexpected '" + condition.substring(c.pos) + "' in condition '" + condition + "'");
        }
        return truthy(v);
    }

    /** The names a condition uses (not errno names, strings or numbers), to know when it can be evaluated. */
    public static Set<String> names(String condition) {
        Set<String> out = new LinkedHashSet<>();
        int i = 0;
        while (i < condition.length()) {
            char c = condition.charAt(i);
            if (c == '"') {
                i = condition.indexOf('"', i + 1);
                i = i < 0 ? condition.length() : i + 1;
            } else if (Character.isDigit(c)) {
                while (i < condition.length() && Character.isLetterOrDigit(condition.charAt(i))) {
                    i++;
                }
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < condition.length() && Character.isJavaIdentifierPart(condition.charAt(i))) {
                    i++;
                }
                String name = condition.substring(start, i);
                if (errno(name) == null) {
                    out.add(name);
                }
            } else {
                i++;
            }
        }
        return out;
    }

    private Object or() {
        Object left = and();
        while (take("||")) {
            boolean l = truthy(left);
            boolean r = truthy(and());
            left = l || r ? 1L : 0L;
        }
        return left;
    }

    private Object and() {
        Object left = not();
        while (take("&&")) {
            boolean l = truthy(left);
            boolean r = truthy(not());
            left = l && r ? 1L : 0L;
        }
        return left;
    }

    private Object not() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '!' && !text.startsWith("!=", pos)) {
            pos++;
            return truthy(not()) ? 0L : 1L;
        }
        return comparison();
    }

    private Object comparison() {
        Object left = primary();
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (take(op)) {
                return compare(op, left, primary()) ? 1L : 0L;
            }
        }
        return left;
    }

    private boolean compare(String op, Object left, Object right) {
        if (left == null || right == null) {
            return false;
        }
        int order;
        if (left instanceof Long a && right instanceof Long b) {
            order = Long.compare(a, b);
        } else if (left instanceof Number a && right instanceof Number b) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return op.equals("!="); // NaN is unordered, as in Wasm
            }
            order = Double.compare(x == 0 ? 0 : x, y == 0 ? 0 : y); // -0.0 == 0.0
        } else if (left instanceof String a && right instanceof String b) {
            order = a.compareTo(b);
        } else {
            throw new EvalException("cannot compare " + describe(left) + " with " + describe(right) + " in '"
                    + text + "'");
        }
        return switch (op) {
            case "==" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private Object primary() {
        skipSpaces();
        if (pos >= text.length()) {
            throw new EvalException("condition '" + text + "' ends too early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Object v = or();
            if (!take(")")) {
                throw new EvalException("missing ')' in '" + text + "'");
            }
            return v;
        }
        if (c == '"') {
            return string();
        }
        if (Character.isDigit(c) || c == '-') {
            int start = pos++;
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '-' && Character.toLowerCase(text.charAt(pos - 1)) == 'e')) {
                    pos++;
                }
                String n = text.substring(start, pos);
                try {
                    return Double.parseDouble(n);
                } catch (NumberFormatException e) {
                    throw new EvalException("not a number: " + n);
                }
            }
            String n = text.substring(start, pos);
            try {
                boolean negative = n.startsWith("-");
                String digits = negative ? n.substring(1) : n;
                long v = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16)
                        : Long.parseLong(digits);
                return negative ? -v : v;
            } catch (NumberFormatException e) {
                throw new EvalException("not a number: " + n);
            }
        }
        if (Character.isJavaIdentifierStart(c)) {
            int start = pos;
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (values.containsKey(name)) {
                return values.get(name);
            }
            Errno e = errno(name);
            if (e != null) {
                return (long) e.code();
            }
            throw new EvalException("this call has no value named '" + name + "' (it has " + String.join(", ",
                    values.keySet()) + ")");
        }
        throw new EvalException("unexpected '" + c + "' in condition '" + text + "'");
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        if (pos >= text.length()) {
            throw new EvalException("unterminated string in '" + text + "'");
        }
        pos++;
        return sb.toString();
    }

    private boolean take(String token) {
        skipSpaces();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean truthy(Object v) {
        return v instanceof Number n ? n.doubleValue() != 0 : v != null && !((String) v).isEmpty();
    }

    private static String describe(Object v) {
        return v instanceof Number ? "the number " + v : "the string \"" + v + "\"";
    }

    private static Errno errno(String name) {
        if (!name.startsWith("E") && !name.equals("SUCCESS")) {
            return null;
        }
        try {
            return Errno.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
