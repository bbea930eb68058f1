package dev.trapdoor.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Value, reference, heap and storage types. A type is kept as its binary encoding in a Latin-1 string, so types
 * compare with {@code equals} and encode with {@link #bytes}.
 */
final class ValueTypes {
    static final String I32 = "\u007f";
    static final String I64 = "\u007e";
    static final String F32 = "\u007d";
    static final String F64 = "\u007c";

    private static final Map<String, Integer> NUMERIC = Map.of("i32", 0x7F, "i64", 0x7E, "f32", 0x7D, "f64", 0x7C,
            "v128", 0x7B);
    /** The abstract heap types; the same codes are the nullable reference shorthands. */
    private static final Map<String, Integer> HEAP = Map.ofEntries(Map.entry("func", 0x70),
            Map.entry("extern", 0x6F), Map.entry("any", 0x6E), Map.entry("eq", 0x6D), Map.entry("i31", 0x6C),
            Map.entry("struct", 0x6B), Map.entry("array", 0x6A), Map.entry("exn", 0x69), Map.entry("noexn", 0x74),
            Map.entry("nofunc", 0x73), Map.entry("noextern", 0x72), Map.entry("none", 0x71));
    private static final Map<String, Integer> SHORTHAND = Map.ofEntries(Map.entry("funcref", 0x70),
            Map.entry("externref", 0x6F), Map.entry("anyref", 0x6E), Map.entry("eqref", 0x6D),
            Map.entry("i31ref", 0x6C), Map.entry("structref", 0x6B), Map.entry("arrayref", 0x6A),
            Map.entry("exnref", 0x69), Map.entry("nullexnref", 0x74), Map.entry("nullfuncref", 0x73),
            Map.entry("nullexternref", 0x72), Map.entry("nullref", 0x71));

    private final TextModule module;

    ValueTypes(TextModule module) {
        this.module = module;
    }

    static byte[] bytes(String type) {
        return type.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String of(int... codes) {
        StringBuilder sb = new StringBuilder();
        for (int c : codes) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    boolean isValType(Cursor c) {
        Token t = c.peekAtom();
        if (t != null) {
            return t.kind() == Token.Kind.KEYWORD && (NUMERIC.containsKey(t.text()) || SHORTHAND.containsKey(t.text()));
        }
        return c.isGroup("ref");
    }

    String valType(Cursor c) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.KEYWORD && NUMERIC.containsKey(t.text())) {
            c.next();
            return of(NUMERIC.get(t.text()));
        }
        if (isRefType(c)) {
            return refType(c);
        }
        throw c.error("a value type");
    }

    boolean isRefType(Cursor c) {
        Token t = c.peekAtom();
        return t != null ? t.kind() == Token.Kind.KEYWORD && SHORTHAND.containsKey(t.text()) : c.isGroup("ref");
    }

    String refType(Cursor c) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.KEYWORD && SHORTHAND.containsKey(t.text())) {
            c.next();
            return of(SHORTHAND.get(t.text()));
        }
        if (!c.isGroup("ref")) {
            throw c.error("a reference type");
        }
        Cursor in = c.inside(c.group("ref"));
        boolean nullable = in.takeKeyword("null");
        String heap = heapType(in);
        in.end("the reference type");
        if (nullable && heap.length() == 1 && HEAP.containsValue((int) heap.charAt(0))) {
            return heap; // (ref null func) is funcref: the shorthand is the canonical encoding
        }
        return (char) (nullable ? 0x63 : 0x64) + heap;
    }

    /** An abstract heap type's code, or a type index as s33. */
    String heapType(Cursor c) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.KEYWORD && HEAP.containsKey(t.text())) {
            c.next();
            return of(HEAP.get(t.text()));
        }
        if (t != null && (t.kind() == Token.Kind.ID || t.kind() == Token.Kind.RESERVED)) {
            int index = module.index(c, module.types);
            ByteBuf b = new ByteBuf().s64(index);
            return new String(b.toArray(), StandardCharsets.ISO_8859_1);
        }
        throw c.error("a heap type");
    }

    String storageType(Cursor c) {
        if (c.takeKeyword("i8")) {
            return of(0x78);
        }
        if (c.takeKeyword("i16")) {
            return of(0x77);
        }
        return valType(c);
    }

    /** Whether a reference type (as encoded) is nullable. */
    static boolean nullable(String refType) {
        return refType.charAt(0) != 0x64;
    }

    /** The heap type of a reference type (as encoded). */
    static String heapOf(String refType) {
        char first = refType.charAt(0);
        return first == 0x63 || first == 0x64 ? refType.substring(1) : refType;
    }
}
