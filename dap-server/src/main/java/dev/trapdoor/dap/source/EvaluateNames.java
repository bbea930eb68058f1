package dev.trapdoor.dap.source;

import java.util.regex.Pattern;

/**
 * The C expressions that read a child value again, so that "Add to Watch", "Copy as Expression" and setExpression
 * work on members, elements and pointees: {@code s.origin.x}, {@code arr[3]}, {@code *p}, {@code p->x}.
 */
final class EvaluateNames {
    /** Postfix expressions that need no parentheses before {@code .}, {@code ->} or {@code [i]}. */
    private static final Pattern POSTFIX = Pattern.compile(
            "[A-Za-z_]\\w*(?:(?:\\.|->)[A-Za-z_]\\w*|\\[\\d+])*");
    /** Expressions that a unary {@code *} can go in front of as they are. */
    private static final Pattern DEREFERENCEABLE = Pattern.compile("\\**" + POSTFIX.pattern());
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private EvaluateNames() {
    }

    /**
     * The expression of child {@code childName} (as the engine names it: a member name, {@code [i]}, or {@code *x}
     * for a pointee) of the value read by {@code parent}; null when the parent has none or the child is anonymous.
     */
    static String child(String parent, String childName) {
        if (parent == null || childName == null) {
            return null;
        }
        if (childName.startsWith("[")) {
            // "[raw]" (a formatter's raw view) reads the parent itself; only indices name elements.
            return INDEX.matcher(childName).matches() ? wrap(parent) + childName : null;
        }
        if (childName.startsWith("*")) {
            return "*" + (DEREFERENCEABLE.matcher(parent).matches() ? parent : "(" + parent + ")");
        }
        if (!IDENTIFIER.matcher(childName).matches()) {
            return null; // "<anonymous>": C cannot name it
        }
        // A member of a pointee reads better, and evaluates the same, through the pointer.
        if (parent.startsWith("*") && POSTFIX.matcher(parent.substring(1)).matches()) {
            return parent.substring(1) + "->" + childName;
        }
        return wrap(parent) + "." + childName;
    }

    static String wrap(String expression) {
        return POSTFIX.matcher(expression).matches() ? expression : "(" + expression + ")";
    }

    static boolean isIdentifier(String text) {
        return IDENTIFIER.matcher(text).matches();
    }
}
