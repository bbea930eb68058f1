package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Value} on one line, C-like, with caps so that a huge or cyclic value stays short. */
final class ValueFormat {
    /** Elements or members shown before "...". */
    static final int SUMMARY_ITEMS = 10;
    /** Characters of a string shown before "...". */
    static final int STRING_CAP = 100;
    /** Aggregates nested deeper than this show as {@code {...}}. */
    static final int MAX_DEPTH = 3;

    private ValueFormat() {
    }

    static String display(Value v, int depth) {
        if (v.unavailable().isPresent()) {
            return "<" + v.unavailable().get() + ">";
        }
        Formatted formatted = v.raw || depth > MAX_DEPTH ? null : Formatters.format(v, depth);
        if (formatted != null) {
            return formatted.summary();
        }
        CType t = v.type.strip();
        return switch (t.kind) {
            case BASE -> base(v, t);
            case ENUM -> enumeration(v, t);
            case POINTER, REFERENCE -> pointer(v, t);
            case ARRAY -> array(v, t, depth);
            case STRUCT, UNION, CLASS -> depth >= MAX_DEPTH ? "{...}" : aggregate(v, depth);
            case FUNCTION -> "<function>";
            default -> "void";
        };
    }

    private static String base(Value v, CType t) {
        byte[] b = v.bytes();
        if (t.encoding == CType.ATE_FLOAT) {
            return Scalars.formatFloat(v.asDouble(), t.size == 4);
        }
        if (t.size > 8 && v.bitSize == 0) {
            return Scalars.wide(b, (int) t.size, v.type.isSigned());
        }
        long n = v.asLong();
        if (t.encoding == CType.ATE_BOOLEAN) {
            return n == 0 ? "false" : n == 1 ? "true" : Long.toString(n);
        }
        String number = v.type.isSigned() ? Long.toString(n) : Long.toUnsignedString(n);
        // char shows its character too; unsigned char is mostly used for bytes, where a character is noise.
        if (v.type.isChar() && t.encoding == CType.ATE_SIGNED_CHAR && v.bitSize == 0) {
            int c = (int) (n & 0xFF);
            return c >= 0x20 && c < 0x7F ? number + " '" + escape(c, '\'') + "'" : number;
        }
        return number;
    }

    private static String enumeration(Value v, CType t) {
        long n = v.asLong();
        for (CType.Enumerator e : t.enumerators) {
            if (e.value() == n) {
                return e.name();
            }
        }
        return v.type.isSigned() ? Long.toString(n) : Long.toUnsignedString(n);
    }

    private static String pointer(Value v, CType t) {
        long address = v.asLong();
        String hex = "0x" + Long.toHexString(address);
        if (t.target != null && t.target.isChar() && address != 0) {
            return hex + " " + cString(v.state, address);
        }
        return hex;
    }

    /** A NUL-terminated string in memory, quoted and escaped, capped at {@link #STRING_CAP} characters. */
    static String cString(MachineState state, long address) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < STRING_CAP; i++) {
            byte[] b = state.readMemory(address + i, 1);
            if (b == null) {
                return i == 0 ? "<cannot read memory>" : out.append("\"...").toString();
            }
            if (b[0] == 0) {
                return out.append('"').toString();
            }
            out.append(escape(b[0] & 0xFF, '"'));
        }
        return out.append("\"...").toString();
    }

    private static String array(Value v, CType t, int depth) {
        // Arrays of char (not unsigned char: those are usually bytes, e.g. a union's view of a float) read as text.
        if (t.target != null && t.target.isChar() && t.target.strip().encoding == CType.ATE_SIGNED_CHAR
                && t.count >= 0) {
            byte[] bytes = v.bytes();
            StringBuilder out = new StringBuilder("\"");
            int n = (int) Math.min(bytes.length, STRING_CAP);
            for (int i = 0; i < n && bytes[i] != 0; i++) {
                out.append(escape(bytes[i] & 0xFF, '"'));
            }
            return out.append(bytes.length > STRING_CAP ? "\"..." : "\"").toString();
        }
        if (depth >= MAX_DEPTH) {
            return "{...}";
        }
        int count = v.childCount();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count && i < SUMMARY_ITEMS; i++) {
            items.add(display(v.element(i), depth + 1));
        }
        if (count > SUMMARY_ITEMS) {
            items.add("...");
        }
        return "{" + String.join(", ", items) + "}";
    }

    private static String aggregate(Value v, int depth) {
        List<String> items = new ArrayList<>();
        List<Value> members = v.children(0, SUMMARY_ITEMS);
        for (Value m : members) {
            items.add(m.name() + "=" + display(m, depth + 1));
        }
        if (v.childCount() > SUMMARY_ITEMS) {
            items.add("...");
        }
        return "{" + String.join(", ", items) + "}";
    }

    static String escape(int c, char quote) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\\' -> "\\\\";
            default -> {
                if (c == quote) {
                    yield "\\" + quote;
                }
                yield c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format("\\x%02x", c);
            }
        };
    }
}
