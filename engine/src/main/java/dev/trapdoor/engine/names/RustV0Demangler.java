package dev.trapdoor.engine.names;

import java.util.ArrayList;
import java.util.List;

/**
 * Rust's v0 mangling ({@code _R…}, RFC 2603), printed without crate disambiguators, as {@code rustfilt} and
 * {@code llvm-cxxfilt} print it: {@code _RNvCs5Yv7cfMH4In_5stdio4main} is {@code stdio::main}. Backreferences are
 * followed by re-parsing at their offset; output longer than {@link #MAX_OUTPUT} fails rather than grow without end.
 */
final class RustV0Demangler {
    private static final int MAX_OUTPUT = 4096;
    private static final int MAX_DEPTH = 200;

    /** The symbol after {@code _R}: backreference offsets count from here. */
    private final String s;
    private int pos;
    private int depth;
    /** Lifetimes bound by the innermost {@code for<...>} binders, for naming {@code 'a}, {@code 'b}. */
    private int boundLifetimes;

    private RustV0Demangler(String s) {
        this.s = s;
    }

    static String demangle(String symbol) {
        RustV0Demangler d = new RustV0Demangler(symbol.substring(2));
        if (Character.isDigit(d.peek())) {
            throw new Demangle.Failed(); // an encoding version this does not know
        }
        String path = d.path(true);
        if (!d.atEnd() && d.peek() != '.') {
            d.path(false); // the instantiating crate: not shown
        }
        if (!d.atEnd() && d.peek() != '.') {
            throw new Demangle.Failed();
        }
        return d.atEnd() ? path : path + " (" + d.s.substring(d.pos) + ")"; // .llvm.123, as llvm-cxxfilt shows it
    }

    private String path(boolean inValue) {
        enter();
        try {
            char tag = next();
            return switch (tag) {
                case 'C' -> identifier().name;
                case 'M' -> {
                    disambiguator();
                    path(false);
                    yield "<" + type() + ">";
                }
                case 'X' -> {
                    disambiguator();
                    path(false);
                    String self = type();
                    yield "<" + self + " as " + path(false) + ">";
                }
                case 'Y' -> {
                    String self = type();
                    yield "<" + self + " as " + path(false) + ">";
                }
                case 'N' -> {
                    char ns = next();
                    String prefix = path(inValue);
                    Ident id = identifier();
                    if (Character.isUpperCase(ns)) {
                        String kind = ns == 'C' ? "closure" : ns == 'S' ? "shim" : String.valueOf(ns);
                        yield prefix + "::{" + kind + (id.name.isEmpty() ? "" : ":" + id.name) + "#"
                                + id.disambiguator + "}";
                    }
                    yield id.name.isEmpty() ? prefix : prefix + "::" + id.name;
                }
                case 'I' -> {
                    String base = path(inValue);
                    List<String> args = new ArrayList<>();
                    while (!eat('E')) {
                        args.add(genericArg());
                    }
                    yield base + (inValue ? "::" : "") + "<" + String.join(", ", args) + ">";
                }
                case 'B' -> backref(() -> path(inValue));
                default -> throw new Demangle.Failed();
            };
        } finally {
            leave();
        }
    }

    private record Ident(String name, long disambiguator) {
    }

    private Ident identifier() {
        long dis = disambiguator();
        if (peek() == 'u') {
            throw new Demangle.Failed(); // Punycode identifiers are not covered
        }
        int len = decimal();
        eat('_');
        if (pos + len > s.length()) {
            throw new Demangle.Failed();
        }
        String name = s.substring(pos, pos + len);
        pos += len;
        return new Ident(name, dis);
    }

    private long disambiguator() {
        return eat('s') ? base62() + 1 : 0;
    }

    private String genericArg() {
        if (eat('L')) {
            return lifetime(base62());
        }
        if (eat('K')) {
            return constant();
        }
        return type();
    }

    private String lifetime(long index) {
        if (index == 0) {
            return "'_";
        }
        long depthFromInner = boundLifetimes - index;
        if (depthFromInner < 0) {
            throw new Demangle.Failed();
        }
        return depthFromInner < 26 ? "'" + (char) ('a' + depthFromInner) : "'_" + depthFromInner;
    }

    private String type() {
        enter();
        try {
            char c = next();
            String basic = basic(c);
            if (basic != null) {
                return basic;
            }
            return switch (c) {
                case 'A' -> {
                    String elem = type();
                    yield "[" + elem + "; " + constant() + "]";
                }
                case 'S' -> "[" + type() + "]";
                case 'T' -> {
                    List<String> items = new ArrayList<>();
                    while (!eat('E')) {
                        items.add(type());
                    }
                    yield "(" + String.join(", ", items) + (items.size() == 1 ? ",)" : ")");
                }
                case 'R', 'Q' -> {
                    String lt = "";
                    if (eat('L')) {
                        long index = base62();
                        lt = index == 0 ? "" : lifetime(index) + " ";
                    }
                    yield "&" + lt + (c == 'Q' ? "mut " : "") + type();
                }
                case 'P' -> "*const " + type();
                case 'O' -> "*mut " + type();
                case 'F' -> fnSig();
                case 'D' -> dynBounds();
                case 'B' -> backref(this::type);
                default -> {
                    pos--;
                    if ("CMXYNI".indexOf(c) >= 0) {
                        yield path(false);
                    }
                    throw new Demangle.Failed();
                }
            };
        } finally {
            leave();
        }
    }

    private static String basic(char c) {
        return switch (c) {
            case 'a' -> "i8";
            case 'b' -> "bool";
            case 'c' -> "char";
            case 'd' -> "f64";
            case 'e' -> "str";
            case 'f' -> "f32";
            case 'h' -> "u8";
            case 'i' -> "isize";
            case 'j' -> "usize";
            case 'l' -> "i32";
            case 'm' -> "u32";
            case 'n' -> "i128";
            case 'o' -> "u128";
            case 's' -> "i16";
            case 't' -> "u16";
            case 'u' -> "()";
            case 'v' -> "...";
            case 'x' -> "i64";
            case 'y' -> "u64";
            case 'z' -> "!";
            case 'p' -> "_";
            default -> null;
        };
    }

    private String fnSig() {
        int bound = binder();
        try {
            StringBuilder out = new StringBuilder();
            if (eat('U')) {
                out.append("unsafe ");
            }
            if (eat('K')) {
                String abi;
                if (eat('C')) {
                    abi = "C";
                } else {
                    int len = decimal();
                    eat('_');
                    abi = s.substring(pos, Math.min(s.length(), pos + len)).replace('_', '-');
                    pos += len;
                }
                out.append("extern \"").append(abi).append("\" ");
            }
            List<String> params = new ArrayList<>();
            while (!eat('E')) {
                params.add(type());
            }
            out.append("fn(").append(String.join(", ", params)).append(")");
            String ret = type();
            if (!ret.equals("()")) {
                out.append(" -> ").append(ret);
            }
            return (bound > 0 ? forPrefix(bound) : "") + out;
        } finally {
            boundLifetimes -= bound;
        }
    }

    private String dynBounds() {
        int bound = binder();
        try {
            List<String> traits = new ArrayList<>();
            while (!eat('E')) {
                String trait = path(false);
                List<String> bindings = new ArrayList<>();
                while (eat('p')) {
                    int len = decimal();
                    eat('_');
                    String name = s.substring(pos, Math.min(s.length(), pos + len));
                    pos += len;
                    bindings.add(name + " = " + type());
                }
                if (!bindings.isEmpty()) {
                    trait = trait.endsWith(">") ? trait.substring(0, trait.length() - 1) + ", "
                            + String.join(", ", bindings) + ">" : trait + "<" + String.join(", ", bindings) + ">";
                }
                traits.add(trait);
            }
            expectChar('L');
            long lt = base62();
            String out = "dyn " + (bound > 0 ? forPrefix(bound) : "") + String.join(" + ", traits);
            return lt == 0 ? out : out + " + " + lifetime(lt);
        } finally {
            boundLifetimes -= bound;
        }
    }

    private int binder() {
        if (!eat('G')) {
            return 0;
        }
        int n = (int) base62() + 1;
        boundLifetimes += n;
        return n;
    }

    private String forPrefix(int bound) {
        List<String> names = new ArrayList<>();
        for (int i = bound; i >= 1; i--) {
            names.add(lifetime(boundLifetimes - bound + i));
        }
        java.util.Collections.reverse(names);
        return "for<" + String.join(", ", names) + "> ";
    }

    private String constant() {
        if (eat('p')) {
            return "_";
        }
        if (eat('B')) {
            return backref(this::constant);
        }
        String ty = type();
        boolean negative = eat('n');
        int start = pos;
        while (!atEnd() && peek() != '_') {
            if (Character.digit(peek(), 16) < 0) {
                throw new Demangle.Failed();
            }
            pos++;
        }
        String hex = s.substring(start, pos);
        expectChar('_');
        java.math.BigInteger value = hex.isEmpty() ? java.math.BigInteger.ZERO : new java.math.BigInteger(hex, 16);
        return switch (ty) {
            case "bool" -> value.signum() == 0 ? "false" : "true";
            case "char" -> "'" + new String(Character.toChars(value.intValueExact())) + "'";
            default -> (negative ? "-" : "") + value;
        };
    }

    private String backref(java.util.function.Supplier<String> parse) {
        int start = pos - 1;
        long target = base62();
        if (target < 0 || target >= start) {
            throw new Demangle.Failed();
        }
        int saved = pos;
        pos = (int) target;
        try {
            String out = parse.get();
            if (out.length() > MAX_OUTPUT) {
                throw new Demangle.Failed();
            }
            return out;
        } finally {
            pos = saved;
        }
    }

    private long base62() {
        if (eat('_')) {
            return 0;
        }
        long v = 0;
        while (!eat('_')) {
            char c = next();
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10
                    : c >= 'A' && c <= 'Z' ? c - 'A' + 36 : -1;
            if (d < 0) {
                throw new Demangle.Failed();
            }
            v = v * 62 + d; // crate disambiguators are 64-bit hashes: wrapping is harmless, they are not shown
        }
        return v + 1;
    }

    private int decimal() {
        if (peek() == '0') {
            pos++;
            return 0; // no leading zeros: "00" is two numbers
        }
        int start = pos;
        while (!atEnd() && Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos || pos - start > 9) {
            throw new Demangle.Failed();
        }
        return Integer.parseInt(s.substring(start, pos));
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Demangle.Failed();
        }
    }

    private void leave() {
        depth--;
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (atEnd()) {
            throw new Demangle.Failed();
        }
        return s.charAt(pos++);
    }

    private boolean eat(char c) {
        if (peek() == c && !atEnd()) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectChar(char c) {
        if (!eat(c)) {
            throw new Demangle.Failed();
        }
    }
}
