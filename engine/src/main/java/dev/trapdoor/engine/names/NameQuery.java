package dev.trapdoor.engine.names;

/**
 * Whether a name a user typed (a function breakpoint, a filter) names a function whose symbol demangles to a given
 * text: the whole demangled text, its qualified name without return type and parameters
 * ({@code shop::Inventory::add}), or a trailing part of that after {@code ::} ({@code Inventory::add}, {@code add}),
 * each with or without template arguments.
 */
public final class NameQuery {
    private NameQuery() {
    }

    public static boolean matches(String demangled, String query) {
        if (demangled == null || query == null || query.isBlank()) {
            return false;
        }
        String q = query.strip();
        if (demangled.equals(q)) {
            return true;
        }
        String qualified = qualifiedName(demangled);
        return endsWithPart(qualified, q) || endsWithPart(withoutTemplateArgs(qualified), q);
    }

    private static boolean endsWithPart(String name, String q) {
        return name.equals(q) || name.endsWith("::" + q);
    }

    /** {@code int shop::max<int>(int, int) const} → {@code shop::max<int>}. */
    public static String qualifiedName(String demangled) {
        String s = demangled;
        int clone = s.indexOf(" (.");
        if (clone > 0) {
            s = s.substring(0, clone);
        }
        // The parameter list: the first '(' at bracket depth 0 that is not part of "operator()".
        int depth = 0;
        int paren = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (c == '(' && depth == 0) {
                if (s.startsWith("()", i) && s.substring(0, i).endsWith("operator")) {
                    i++;
                    continue;
                }
                paren = i;
                break;
            }
        }
        String head = paren > 0 ? s.substring(0, paren) : s;
        // A return type ends at the last space at depth 0 (outside template arguments and "operator X").
        depth = 0;
        int space = -1;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (c == ' ' && depth == 0 && !head.substring(0, i).endsWith("operator")) {
                space = i;
            }
        }
        return space >= 0 && !head.substring(space + 1).isEmpty() ? head.substring(space + 1) : head;
    }

    private static String withoutTemplateArgs(String name) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '<' && !name.substring(0, i).endsWith("operator") && !name.substring(0, i).endsWith("<")) {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString().replace("::::", "::");
    }
}
