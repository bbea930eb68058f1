package dev.trapdoor.engine.names;

import java.util.Map;

/** The Itanium ABI's two-letter operator codes and the operator each names ({@code pl} is {@code +}). */
final class Operators {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("nw", "new"), Map.entry("na", "new[]"), Map.entry("dl", "delete"), Map.entry("da", "delete[]"),
            Map.entry("ps", "+"), Map.entry("ng", "-"), Map.entry("ad", "&"), Map.entry("de", "*"),
            Map.entry("co", "~"), Map.entry("pl", "+"), Map.entry("mi", "-"), Map.entry("ml", "*"),
            Map.entry("dv", "/"), Map.entry("rm", "%"), Map.entry("an", "&"), Map.entry("or", "|"),
            Map.entry("eo", "^"), Map.entry("aS", "="), Map.entry("pL", "+="), Map.entry("mI", "-="),
            Map.entry("mL", "*="), Map.entry("dV", "/="), Map.entry("rM", "%="), Map.entry("aN", "&="),
            Map.entry("oR", "|="), Map.entry("eO", "^="), Map.entry("ls", "<<"), Map.entry("rs", ">>"),
            Map.entry("lS", "<<="), Map.entry("rS", ">>="), Map.entry("eq", "=="), Map.entry("ne", "!="),
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("le", "<="), Map.entry("ge", ">="),
            Map.entry("ss", "<=>"), Map.entry("nt", "!"), Map.entry("aa", "&&"), Map.entry("oo", "||"),
            Map.entry("pp", "++"), Map.entry("mm", "--"), Map.entry("cm", ","), Map.entry("pm", "->*"),
            Map.entry("pt", "->"), Map.entry("cl", "()"), Map.entry("ix", "[]"), Map.entry("qu", "?"),
            Map.entry("aw", "co_await"));

    private Operators() {
    }

    static String name(String code) {
        return NAMES.get(code);
    }
}
