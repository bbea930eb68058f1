package dev.trapdoor.engine.names;

import java.util.ArrayList;
import java.util.List;

/**
 * Rust's legacy mangling: an Itanium nested name {@code _ZN <len><ident>... E} whose last component is
 * {@code h} and 16 hex digits (the hash, dropped), with {@code $LT$}-style escapes for the characters Itanium names
 * cannot hold and {@code ..} for {@code ::}.
 */
final class RustLegacy {
    private RustLegacy() {
    }

    static boolean looksLike(String symbol) {
        List<String> parts = components(symbol);
        return parts != null && parts.size() >= 2 && isHash(parts.get(parts.size() - 1));
    }

    static String demangle(String symbol) {
        List<String> parts = components(symbol);
        if (parts == null) {
            throw new Demangle.Failed();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            if (i > 0) {
                out.append("::");
            }
            out.append(unescape(parts.get(i)));
        }
        return out.toString();
    }

    /** The length-prefixed components between {@code _ZN} and {@code E}, or null if that is not the shape. */
    private static List<String> components(String s) {
        if (!s.startsWith("_ZN")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        int pos = 3;
        while (pos < s.length() && s.charAt(pos) != 'E') {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos || pos - start > 6) {
                return null;
            }
            int len = Integer.parseInt(s.substring(start, pos));
            if (pos + len > s.length()) {
                return null;
            }
            parts.add(s.substring(pos, pos + len));
            pos += len;
        }
        if (pos >= s.length()) {
            return null;
        }
        pos++; // E
        // Only a clone or LLVM suffix may follow (.llvm.123); Itanium parameters mean C++.
        return pos == s.length() || s.charAt(pos) == '.' ? parts : null;
    }

    private static boolean isHash(String part) {
        if (part.length() != 17 || part.charAt(0) != 'h') {
            return false;
        }
        for (int i = 1; i < 17; i++) {
            if (Character.digit(part.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String unescape(String part) {
        String rest = part.startsWith("_$") ? part.substring(1) : part;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '$') {
                int end = rest.indexOf('$', i + 1);
                if (end < 0) {
                    throw new Demangle.Failed();
                }
                out.append(escape(rest.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '.' && i + 1 < rest.length() && rest.charAt(i + 1) == '.') {
                out.append("::");
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String escape(String code) {
        return switch (code) {
            case "SP" -> "@";
            case "BP" -> "*";
            case "RF" -> "&";
            case "LT" -> "<";
            case "GT" -> ">";
            case "LP" -> "(";
            case "RP" -> ")";
            case "C" -> ",";
            default -> {
                if (code.startsWith("u") && code.length() > 1) {
                    try {
                        yield new String(Character.toChars(Integer.parseInt(code.substring(1), 16)));
                    } catch (IllegalArgumentException e) {
                        throw new Demangle.Failed();
                    }
                }
                throw new Demangle.Failed();
            }
        };
    }
}
