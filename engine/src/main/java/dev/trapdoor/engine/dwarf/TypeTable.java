package dev.trapdoor.engine.dwarf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One unit's types, read from its DIEs on demand and cached by DIE offset. */
final class TypeTable {
    /** C's base types with their wasm32 sizes, for casts and arithmetic when the unit does not describe them. */
    private static final Map<String, CType> BUILTIN = Map.ofEntries(
            Map.entry("char", CType.base("char", 1, CType.ATE_SIGNED_CHAR)),
            Map.entry("signed char", CType.base("signed char", 1, CType.ATE_SIGNED_CHAR)),
            Map.entry("unsigned char", CType.base("unsigned char", 1, CType.ATE_UNSIGNED_CHAR)),
            Map.entry("_Bool", CType.base("_Bool", 1, CType.ATE_BOOLEAN)),
            Map.entry("short", CType.base("short", 2, CType.ATE_SIGNED)),
            Map.entry("unsigned short", CType.base("unsigned short", 2, CType.ATE_UNSIGNED)),
            Map.entry("int", CType.base("int", 4, CType.ATE_SIGNED)),
            Map.entry("unsigned int", CType.base("unsigned int", 4, CType.ATE_UNSIGNED)),
            Map.entry("long", CType.base("long", 4, CType.ATE_SIGNED)),
            Map.entry("unsigned long", CType.base("unsigned long", 4, CType.ATE_UNSIGNED)),
            Map.entry("long long", CType.base("long long", 8, CType.ATE_SIGNED)),
            Map.entry("unsigned long long", CType.base("unsigned long long", 8, CType.ATE_UNSIGNED)),
            Map.entry("float", CType.base("float", 4, CType.ATE_FLOAT)),
            Map.entry("double", CType.base("double", 8, CType.ATE_FLOAT)),
            Map.entry("long double", CType.base("long double", 16, CType.ATE_FLOAT)));
    private static final int MAX_DEPTH = 64;

    private final CompileUnit unit;
    private final Map<Long, CType> cache = new HashMap<>();
    /** Rust's {@code <T as Trait>::{vtable}} variables: address to the DIE offset of {@code T}; read once. */
    private Map<Long, Long> vtableOwners;

    TypeTable(CompileUnit unit) {
        this.unit = unit;
    }

    /** A builtin base type by its C name ({@code int}, {@code unsigned char}, ...), or null. */
    static CType builtin(String name) {
        return BUILTIN.get(name);
    }

    /** A base type by name: the unit's own if it has one (so names match the program's), else the builtin. */
    synchronized CType base(String name) {
        DieTree.Node root = unit.dies().root();
        if (root != null) {
            for (DieTree.Node child : root.children) {
                if (child.tag() == DwTag.BASE_TYPE && name.equals(unit.stringOrNull(child.get(DwAt.NAME)))) {
                    return typeAt(child.die.offset());
                }
            }
        }
        return builtin(name);
    }

    /**
     * A type the program defines, by name as a cast spells it: a base type, or a struct, class, union, enum or typedef
     * by its qualified name ({@code geo::Rect}) or by its own name when that is unambiguous enough to take the first
     * definition ({@code Rect}); declarations without a body are skipped. Null when there is none.
     */
    synchronized CType named(String name) {
        CType base = base(name);
        if (base != null) {
            return base;
        }
        DieTree.Node root = unit.dies().root();
        if (root == null) {
            return null;
        }
        DieTree.Node[] bySimpleName = new DieTree.Node[1];
        DieTree.Node exact = findNamed(root, name, bySimpleName, 0);
        DieTree.Node node = exact != null ? exact : bySimpleName[0];
        return node == null ? null : typeAt(node.die.offset());
    }

    private DieTree.Node findNamed(DieTree.Node node, String name, DieTree.Node[] bySimpleName, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        for (DieTree.Node child : node.children) {
            int tag = child.tag();
            boolean type = tag == DwTag.STRUCTURE_TYPE || tag == DwTag.CLASS_TYPE || tag == DwTag.UNION_TYPE
                    || tag == DwTag.ENUMERATION_TYPE || tag == DwTag.TYPEDEF;
            String own = type ? unit.stringOrNull(child.get(DwAt.NAME)) : null;
            if (own != null && child.get(DwAt.DECLARATION) == null) {
                String qualified = unit.isC() ? own : QualifiedNames.qualify(unit, child.parent, own);
                if (qualified.equals(name)) {
                    return child;
                }
                if (bySimpleName[0] == null && (own.equals(name) || qualified.endsWith("::" + name))) {
                    bySimpleName[0] = child;
                }
            }
            if (tag == DwTag.NAMESPACE || tag == DwTag.STRUCTURE_TYPE || tag == DwTag.CLASS_TYPE
                    || tag == DwTag.UNION_TYPE) {
                DieTree.Node found = findNamed(child, name, bySimpleName, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The type whose vtable for some trait is at {@code address}: the {@code DW_AT_containing_type} of the type of the
     * Rust {@code <T as Trait>::{vtable}} variable there (rustc emits one per vtable it uses); null when none is.
     */
    synchronized CType vtableOwner(long address) {
        if (vtableOwners == null) {
            vtableOwners = new HashMap<>();
            DieTree.Node root = unit.dies().root();
            if (root != null) {
                collectVtables(root, 0);
            }
        }
        Long owner = vtableOwners.get(address);
        return owner == null ? null : typeAt(owner);
    }

    private void collectVtables(DieTree.Node node, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (DieTree.Node child : node.children) {
            if (child.tag() == DwTag.NAMESPACE) {
                collectVtables(child, depth + 1);
                continue;
            }
            String name = child.tag() == DwTag.VARIABLE ? unit.stringOrNull(child.get(DwAt.NAME)) : null;
            AttributeValue location = name != null && name.endsWith("::{vtable}") ? child.get(DwAt.LOCATION) : null;
            DieTree.Node type = location == null ? null : unit.dies().target(child, DwAt.TYPE);
            AttributeValue owner = type == null ? null : type.get(DwAt.CONTAINING_TYPE);
            if (owner != null && DwForm.isUnitReference(owner.form()) && location.isBlock()) {
                SectionReader r = unit.context.sections.require(DwarfSections.INFO).reader(location.value());
                r.limit(location.value() + location.length());
                if (!r.atEnd() && r.u8() == DwOp.ADDR) {
                    vtableOwners.put(r.unsigned(unit.header.addressSize()), owner.value());
                }
            }
        }
    }

    /** The type a DIE's DW_AT_type names; void when it has none. */
    synchronized CType typeOf(DieTree.Node node) {
        AttributeValue ref = node.get(DwAt.TYPE);
        return ref == null || !DwForm.isUnitReference(ref.form()) ? CType.VOID : typeAt(ref.value());
    }

    synchronized CType typeAt(long offset) {
        return typeAt(offset, 0);
    }

    private CType typeAt(long offset, int depth) {
        CType cached = cache.get(offset);
        if (cached != null) {
            return cached;
        }
        DieTree.Node node = unit.dies().at(offset);
        if (node == null || depth > MAX_DEPTH) {
            CType unknown = CType.base("<unknown type>", -1, 0);
            cache.put(offset, unknown);
            return unknown;
        }
        CType t = new CType(kindOf(node.tag()));
        cache.put(offset, t);
        t.name = unit.stringOrNull(node.get(DwAt.NAME));
        if (!unit.isC()) {
            t.qualifiedNames = true;
            if (t.name != null && switch (t.kind) {
                case STRUCT, CLASS, UNION, ENUM, TYPEDEF -> true;
                default -> false;
            }) {
                t.name = QualifiedNames.qualify(unit, node.parent, t.name);
            }
        }
        t.size = constant(node, DwAt.BYTE_SIZE, -1);
        t.encoding = (int) constant(node, DwAt.ENCODING, 0);
        AttributeValue ref = node.get(DwAt.TYPE);
        if (ref != null && DwForm.isUnitReference(ref.form())) {
            t.target = typeAt(ref.value(), depth + 1);
        }
        switch (t.kind) {
            case POINTER, REFERENCE -> t.size = t.size < 0 ? unit.header.addressSize() : t.size;
            case ARRAY -> array(t, node);
            case STRUCT, UNION, CLASS -> {
                t.table = this;
                members(t, node, depth);
            }
            case ENUM -> enumerators(t, node);
            case FUNCTION -> {
                for (DieTree.Node child : node.children) {
                    if (child.tag() == DwTag.FORMAL_PARAMETER) {
                        t.parameters.add(typeOf(child));
                    }
                }
            }
            default -> {
            }
        }
        return t;
    }

    private static CType.Kind kindOf(int tag) {
        return switch (tag) {
            case DwTag.POINTER_TYPE -> CType.Kind.POINTER;
            case DwTag.REFERENCE_TYPE, DwTag.RVALUE_REFERENCE_TYPE -> CType.Kind.REFERENCE;
            case DwTag.ARRAY_TYPE -> CType.Kind.ARRAY;
            case DwTag.STRUCTURE_TYPE -> CType.Kind.STRUCT;
            case DwTag.UNION_TYPE -> CType.Kind.UNION;
            case DwTag.CLASS_TYPE -> CType.Kind.CLASS;
            case DwTag.ENUMERATION_TYPE -> CType.Kind.ENUM;
            case DwTag.TYPEDEF -> CType.Kind.TYPEDEF;
            case DwTag.CONST_TYPE -> CType.Kind.CONST;
            case DwTag.VOLATILE_TYPE -> CType.Kind.VOLATILE;
            case DwTag.RESTRICT_TYPE -> CType.Kind.RESTRICT;
            case DwTag.ATOMIC_TYPE -> CType.Kind.ATOMIC;
            case DwTag.SUBROUTINE_TYPE -> CType.Kind.FUNCTION;
            case DwTag.UNSPECIFIED_TYPE -> CType.Kind.VOID;
            default -> CType.Kind.BASE;
        };
    }

    /** One nested array per subrange, outermost first: {@code int[2][3]} is 2 of {@code int[3]}. */
    private void array(CType t, DieTree.Node node) {
        List<DieTree.Node> dims = node.children.stream().filter(c -> c.tag() == DwTag.SUBRANGE_TYPE).toList();
        CType element = t.target;
        t.size = -1;
        if (dims.isEmpty()) {
            return;
        }
        for (int i = dims.size() - 1; i >= 1; i--) {
            CType inner = new CType(CType.Kind.ARRAY);
            inner.target = element;
            inner.count = count(dims.get(i));
            element = inner;
        }
        t.target = element;
        t.count = count(dims.get(0));
    }

    private long count(DieTree.Node subrange) {
        long count = constant(subrange, DwAt.COUNT, -1);
        if (count >= 0) {
            return count;
        }
        AttributeValue upper = subrange.get(DwAt.UPPER_BOUND);
        if (upper != null && DwForm.isConstant(upper.form())) {
            long lower = constant(subrange, DwAt.LOWER_BOUND, 0);
            // DW_FORM_data* upper bounds of -1 (flexible arrays) read unsigned: treat huge counts as unknown.
            long n = upper.value() - lower + 1;
            return n < 0 || n > Integer.MAX_VALUE ? -1 : n;
        }
        return -1;
    }

    private void members(CType t, DieTree.Node node, int depth) {
        for (DieTree.Node child : node.children) {
            switch (child.tag()) {
                case DwTag.MEMBER, DwTag.INHERITANCE -> {
                    if (child.get(DwAt.DECLARATION) == null) { // C++ static data members live elsewhere.
                        t.members.add(member(child));
                    }
                }
                case DwTag.TEMPLATE_TYPE_PARAMETER ->
                        t.templateParameters.add(new CType.TemplateParameter(unit.stringOrNull(child.get(DwAt.NAME)),
                                typeOf(child)));
                case DwTag.VARIANT_PART -> t.variants = variantPart(child);
                default -> {
                }
            }
        }
    }

    /** A Rust enum's {@code DW_TAG_variant_part}: its discriminant member and each variant's member. */
    private CType.VariantPart variantPart(DieTree.Node part) {
        DieTree.Node discr = unit.dies().target(part, DwAt.DISCR);
        List<CType.Variant> variants = new java.util.ArrayList<>();
        for (DieTree.Node child : part.children) {
            if (child.tag() != DwTag.VARIANT) {
                continue;
            }
            AttributeValue value = child.get(DwAt.DISCR_VALUE);
            for (DieTree.Node m : child.children) {
                if (m.tag() == DwTag.MEMBER) {
                    variants.add(new CType.Variant(value == null ? null : value.value(), member(m)));
                    break;
                }
            }
        }
        return new CType.VariantPart(discr == null ? null : member(discr), List.copyOf(variants));
    }

    private CType.Member member(DieTree.Node child) {
        CType type = typeOf(child);
        String name = child.tag() == DwTag.INHERITANCE ? type.spell() : unit.stringOrNull(child.get(DwAt.NAME));
        long byteOffset = constant(child, DwAt.DATA_MEMBER_LOCATION, 0);
        int bitSize = (int) constant(child, DwAt.BIT_SIZE, 0);
        int bitOffset = 0;
        if (bitSize > 0) {
            long dataBitOffset = constant(child, DwAt.DATA_BIT_OFFSET, -1);
            if (dataBitOffset >= 0) {
                // DWARF 4+: bits from the start of the struct, least significant bit first on little-endian.
                byteOffset = dataBitOffset / 8;
                bitOffset = (int) (dataBitOffset % 8);
            } else {
                // DWARF 2/3 style: bits from the most significant bit of a storage unit of DW_AT_byte_size.
                long storage = constant(child, DwAt.BYTE_SIZE, type.byteSize());
                long fromMsb = constant(child, DwAt.BIT_OFFSET, 0);
                long fromLsb = storage * 8 - fromMsb - bitSize;
                byteOffset += fromLsb / 8;
                bitOffset = (int) (fromLsb % 8);
            }
        }
        return new CType.Member(name, type, byteOffset, bitOffset, bitSize, child.tag() == DwTag.INHERITANCE);
    }

    private void enumerators(CType t, DieTree.Node node) {
        if (t.target != null) {
            t.encoding = t.target.strip().encoding;
        } else {
            t.encoding = CType.ATE_SIGNED;
        }
        for (DieTree.Node child : node.children) {
            if (child.tag() == DwTag.ENUMERATOR) {
                AttributeValue v = child.get(DwAt.CONST_VALUE);
                long value = v == null ? 0 : v.value();
                if (v != null && t.isSigned()) {
                    // Fixed-size data forms carry no sign; the enum's underlying type does.
                    value = switch (v.form()) {
                        case DwForm.DATA1 -> (byte) value;
                        case DwForm.DATA2 -> (short) value;
                        case DwForm.DATA4 -> (int) value;
                        default -> value;
                    };
                }
                t.enumerators.add(new CType.Enumerator(unit.stringOrNull(child.get(DwAt.NAME)), value));
            }
        }
    }

    /** A constant attribute; DW_AT_data_member_location may also be an expression, of which the common one is read. */
    private long constant(DieTree.Node node, int attribute, long otherwise) {
        AttributeValue v = node.get(attribute);
        if (v == null) {
            return otherwise;
        }
        if (DwForm.isConstant(v.form())) {
            return v.value();
        }
        if (v.isBlock() && attribute == DwAt.DATA_MEMBER_LOCATION) {
            // DWARF 2 style "DW_OP_plus_uconst N".
            SectionReader r = unit.context.sections.require(DwarfSections.INFO).reader(v.value());
            r.limit(v.value() + v.length());
            if (!r.atEnd() && r.u8() == DwOp.PLUS_UCONST) {
                return r.uleb();
            }
        }
        return otherwise;
    }
}
