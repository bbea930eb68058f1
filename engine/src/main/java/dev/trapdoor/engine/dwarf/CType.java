package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * A C type as DWARF describes it, or one the expression evaluator makes ({@code &x}, arithmetic results). Typedefs and
 * qualifiers are kept as their own nodes so that names read as the source spells them; {@link #strip()} gives the
 * type that decides how bytes are read. Multi-dimensional arrays are nested one-dimension arrays ({@code int[2][3]}
 * is an array of 2 {@code int[3]}). Built by {@link TypeTable}, which fills a node after caching it so that
 * self-referencing structs terminate.
 */
final class CType {
    enum Kind { BASE, POINTER, ARRAY, STRUCT, UNION, CLASS, ENUM, TYPEDEF, CONST, VOLATILE, RESTRICT, ATOMIC, VOID,
        FUNCTION, REFERENCE }

    /** DW_ATE_* encodings of base types (DWARF 5, section 7.8). */
    static final int ATE_ADDRESS = 0x01;
    static final int ATE_BOOLEAN = 0x02;
    static final int ATE_FLOAT = 0x04;
    static final int ATE_SIGNED = 0x05;
    static final int ATE_SIGNED_CHAR = 0x06;
    static final int ATE_UNSIGNED = 0x07;
    static final int ATE_UNSIGNED_CHAR = 0x08;
    static final int ATE_UTF = 0x10;

    /** A struct or union member; a bitfield has {@code bitSize > 0} and starts {@code bitOffset} bits in (LSB 0). */
    record Member(String name, CType type, long byteOffset, int bitOffset, int bitSize, boolean base) {
        Member(String name, CType type, long byteOffset, int bitOffset, int bitSize) {
            this(name, type, byteOffset, bitOffset, bitSize, false);
        }

        boolean isBitfield() {
            return bitSize > 0;
        }
    }

    record Enumerator(String name, long value) {
    }

    /** A C++ or Rust template type parameter ({@code T} of {@code Vec<T>}, {@code _Tp} of libc++'s tree). */
    record TemplateParameter(String name, CType type) {
    }

    final Kind kind;
    String name;
    long size = -1;
    int encoding;
    CType target;
    /** Elements of this dimension for arrays, -1 when unknown (a flexible array member, {@code int[]}). */
    long count = -1;
    final List<Member> members = new ArrayList<>();
    final List<Enumerator> enumerators = new ArrayList<>();
    final List<CType> parameters = new ArrayList<>();
    final List<TemplateParameter> templateParameters = new ArrayList<>();
    /**
     * C++ and Rust spelling: aggregates by their qualified names without {@code struct}/{@code class}, and pointers by
     * their own DW_AT_name when the producer gives one (Rust's {@code &str}, {@code *const u8}).
     */
    boolean qualifiedNames;
    /** For a struct, class or union read from DWARF: its unit's types, where a dynamic type is looked up. */
    TypeTable table;
    /** Rust enums with data: the {@code DW_TAG_variant_part}, or null. */
    VariantPart variants;

    /**
     * A Rust enum's variants: the discriminant (a member of the enclosing struct; null when the enum has a single
     * variant or uses a niche without a discriminant member) and each variant with its value (null for the default).
     */
    record VariantPart(Member discriminant, List<Variant> variants) {
    }

    record Variant(Long discriminantValue, Member member) {
    }

    CType(Kind kind) {
        this.kind = kind;
    }

    static CType base(String name, int size, int encoding) {
        CType t = new CType(Kind.BASE);
        t.name = name;
        t.size = size;
        t.encoding = encoding;
        return t;
    }

    static CType pointerTo(CType target, int addressSize) {
        CType t = new CType(Kind.POINTER);
        t.target = target;
        t.size = addressSize;
        return t;
    }

    static final CType VOID = new CType(Kind.VOID);

    /** Without typedefs and qualifiers: the type that decides the representation. */
    CType strip() {
        CType t = this;
        for (int hop = 0; hop < 64 && t.isAlias(); hop++) {
            t = t.target == null ? VOID : t.target;
        }
        return t;
    }

    private boolean isAlias() {
        return switch (kind) {
            case TYPEDEF, CONST, VOLATILE, RESTRICT, ATOMIC -> true;
            default -> false;
        };
    }

    /** The size in bytes, or -1 when unknown (void, incomplete types). */
    long byteSize() {
        CType t = strip();
        if (t.kind == Kind.ARRAY) {
            long element = t.target == null ? -1 : t.target.byteSize();
            return t.size >= 0 ? t.size : t.count < 0 || element < 0 ? -1 : t.count * element;
        }
        return t.size;
    }

    boolean isInteger() {
        CType t = strip();
        return t.kind == Kind.ENUM || t.kind == Kind.BASE && t.encoding != ATE_FLOAT;
    }

    boolean isFloat() {
        CType t = strip();
        return t.kind == Kind.BASE && t.encoding == ATE_FLOAT;
    }

    boolean isPointer() {
        return strip().kind == Kind.POINTER;
    }

    boolean isSigned() {
        CType t = strip();
        if (t.kind == Kind.ENUM) {
            return t.encoding == ATE_SIGNED || t.encoding == ATE_SIGNED_CHAR;
        }
        return t.kind == Kind.BASE
                && (t.encoding == ATE_SIGNED || t.encoding == ATE_SIGNED_CHAR || t.encoding == ATE_FLOAT);
    }

    /** A char type (shown as a character, and pointers to it as strings). */
    boolean isChar() {
        CType t = strip();
        return t.kind == Kind.BASE && t.size == 1
                && (t.encoding == ATE_SIGNED_CHAR || t.encoding == ATE_UNSIGNED_CHAR || t.encoding == ATE_UTF);
    }

    /** The name as C spells it: {@code struct point *}, {@code int[2][3]}, {@code const char *}, {@code void *volatile}. */
    String spell() {
        return declare(this, "", 0);
    }

    private static String declare(CType t, String declarator, int depth) {
        if (t == null || depth > 32) {
            return join("void", declarator);
        }
        return switch (t.kind) {
            case POINTER, REFERENCE -> {
                if (t.qualifiedNames && t.name != null) {
                    yield join(t.name, declarator);
                }
                String sigil = t.kind == Kind.POINTER ? "*" : "&";
                CType to = t.target == null ? VOID : t.target;
                Kind k = to.kind;
                yield k == Kind.ARRAY || k == Kind.FUNCTION
                        ? declare(to, "(" + sigil + declarator + ")", depth + 1)
                        : declare(to, sigil + declarator, depth + 1);
            }
            case ARRAY -> declare(t.target, declarator + "[" + (t.count < 0 ? "" : Long.toString(t.count)) + "]",
                    depth + 1);
            case FUNCTION -> {
                List<String> params = new ArrayList<>();
                for (CType p : t.parameters) {
                    params.add(declare(p, "", depth + 1));
                }
                yield declare(t.target, declarator + "(" + (params.isEmpty() ? "void" : String.join(", ", params))
                        + ")", depth + 1);
            }
            case CONST, VOLATILE, RESTRICT, ATOMIC -> {
                String qualifier = switch (t.kind) {
                    case CONST -> "const";
                    case VOLATILE -> "volatile";
                    case RESTRICT -> "restrict";
                    default -> "_Atomic";
                };
                CType to = t.target == null ? VOID : t.target;
                yield to.kind == Kind.POINTER
                        ? declare(to, qualifier + (declarator.isEmpty() ? "" : " " + declarator), depth + 1)
                        : qualifier + " " + declare(to, declarator, depth + 1);
            }
            default -> join(t.simpleName(), declarator);
        };
    }

    private String simpleName() {
        String n = name == null ? "<anonymous>" : name;
        if (qualifiedNames && kind != Kind.VOID) {
            return n;
        }
        return switch (kind) {
            case STRUCT -> "struct " + n;
            case UNION -> "union " + n;
            case CLASS -> "class " + n;
            case ENUM -> "enum " + n;
            case VOID -> "void";
            default -> n;
        };
    }

    private static String join(String base, String declarator) {
        if (declarator.isEmpty()) {
            return base;
        }
        return declarator.startsWith("[") ? base + declarator : base + " " + declarator;
    }

    /** The template type parameter with a name, or null. */
    CType templateParameter(String parameterName) {
        for (TemplateParameter p : strip().templateParameters) {
            if (parameterName.equals(p.name())) {
                return p.type();
            }
        }
        return null;
    }

    /** A member by name (the first one), or null. */
    Member member(String memberName) {
        for (Member m : strip().members) {
            if (memberName.equals(m.name())) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return spell();
    }
}
