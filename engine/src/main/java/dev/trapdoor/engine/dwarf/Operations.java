package dev.trapdoor.engine.dwarf;

import java.util.Map;

/**
 * The evaluator's operators on {@link Value}s, with C's rules for wasm32: integer promotion and the usual arithmetic
 * conversions, arrays decaying to pointers, pointer arithmetic scaled by the pointee's size. Results of arithmetic
 * are computed values that live nowhere (and so cannot be written or have their address taken).
 */
final class Operations {
    @FunctionalInterface
    interface Lookup {
        Value find(String name) throws EvaluationException;
    }

    /** Spellings of the same base type, to the name C's headers and DWARF use. */
    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(Map.entry("unsigned", "unsigned int"),
            Map.entry("signed", "int"), Map.entry("signed int", "int"), Map.entry("long int", "long"),
            Map.entry("signed long", "long"), Map.entry("unsigned long int", "unsigned long"),
            Map.entry("long long int", "long long"), Map.entry("signed long long", "long long"),
            Map.entry("unsigned long long int", "unsigned long long"), Map.entry("short int", "short"),
            Map.entry("signed short", "short"), Map.entry("unsigned short int", "unsigned short"),
            Map.entry("bool", "_Bool"));

    private final CompileUnit unit;
    private final MachineState state;
    private final Lookup lookup;
    private final int addressSize;

    Operations(CompileUnit unit, MachineState state, Lookup lookup) {
        this.unit = unit;
        this.state = state;
        this.lookup = lookup;
        this.addressSize = unit == null ? 4 : unit.header.addressSize();
    }

    Value variable(String name) throws EvaluationException {
        return lookup.find(name);
    }

    Value number(String text) throws EvaluationException {
        String lower = text.toLowerCase();
        boolean hex = lower.startsWith("0x");
        if (!hex && (lower.contains(".") || lower.contains("e")) || lower.endsWith("f") && !hex) {
            boolean single = lower.endsWith("f");
            double d = ValueWriter.parseDouble(text);
            return computed(type(single ? "float" : "double"), d);
        }
        long n = ValueWriter.parseInteger(text);
        boolean unsigned = lower.contains("u");
        boolean fitsInt = unsigned ? (n >>> 32) == 0 : n == (int) n;
        String name = fitsInt ? (unsigned ? "unsigned int" : "int") : (unsigned ? "unsigned long long" : "long long");
        return computed(type(name), n);
    }

    Value character(String literal) throws EvaluationException {
        return computed(type("char"), ValueWriter.parseInteger(literal));
    }

    Value bool(boolean b) {
        return computed(type("int"), b ? 1 : 0);
    }

    boolean truth(Value v) throws EvaluationException {
        Value x = rvalue(v);
        if (x.type.isFloat()) {
            return x.asDouble() != 0;
        }
        requireScalar(x, "use as a condition");
        return x.asLong() != 0;
    }

    Value unary(String op, Value v) throws EvaluationException {
        return switch (op) {
            case "*" -> deref(v);
            case "&" -> addressOf(v);
            case "!" -> bool(!truth(v));
            default -> {
                Value x = rvalue(v);
                if (x.type.isFloat() && !op.equals("~")) {
                    double d = x.asDouble();
                    yield computed(x.type.strip(), op.equals("-") ? -d : d);
                }
                if (!x.type.isInteger()) {
                    throw new EvaluationException("cannot apply '" + op + "' to " + x.type.spell());
                }
                CType t = promote(x.type);
                long n = x.asLong();
                yield computed(t, switch (op) {
                    case "-" -> -n;
                    case "~" -> ~n;
                    default -> n;
                });
            }
        };
    }

    Value binary(String op, Value left, Value right) throws EvaluationException {
        Value a = rvalue(left);
        Value b = rvalue(right);
        boolean comparison = switch (op) {
            case "==", "!=", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
        if (a.type.isPointer() || b.type.isPointer()) {
            return pointerArithmetic(op, a, b, comparison);
        }
        requireNumber(a, op);
        requireNumber(b, op);
        if (a.type.isFloat() || b.type.isFloat()) {
            if (!comparison && !"+-*/".contains(op)) {
                throw new EvaluationException("'" + op + "' needs integers, not " + (a.type.isFloat() ? a : b).type.spell());
            }
            double x = a.asDouble();
            double y = b.asDouble();
            if (comparison) {
                return bool(compare(op, Double.compare(x, y), x, y));
            }
            boolean dbl = a.type.isFloat() && a.type.byteSize() >= 8 || b.type.isFloat() && b.type.byteSize() >= 8;
            double r = switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                default -> x / y;
            };
            return computed(type(dbl ? "double" : "float"), r);
        }
        if (op.equals("<<") || op.equals(">>")) {
            CType t = promote(a.type);
            long n = a.asLong();
            long shift = b.asLong();
            if (shift < 0 || shift >= t.byteSize() * 8) {
                throw new EvaluationException("shift by " + shift + " is out of range for " + t.spell());
            }
            return computed(t, op.equals("<<") ? n << shift : t.isSigned() ? n >> shift : n >>> shift);
        }
        CType t = common(a.type, b.type);
        long x = convert(a.asLong(), t);
        long y = convert(b.asLong(), t);
        boolean signed = t.isSigned();
        if (comparison) {
            int c = signed ? Long.compare(x, y) : Long.compareUnsigned(x, y);
            return bool(compare(op, c, 0, 0));
        }
        if ((op.equals("/") || op.equals("%")) && y == 0) {
            throw new EvaluationException("division by zero");
        }
        long r = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> signed ? x / y : Long.divideUnsigned(x, y);
            case "%" -> signed ? x % y : Long.remainderUnsigned(x, y);
            case "&" -> x & y;
            case "|" -> x | y;
            case "^" -> x ^ y;
            default -> throw new EvaluationException("unknown operator '" + op + "'");
        };
        return computed(t, r);
    }

    private Value pointerArithmetic(String op, Value a, Value b, boolean comparison) throws EvaluationException {
        if (comparison) {
            requireScalar(a, op);
            requireScalar(b, op);
            return bool(compare(op, Long.compareUnsigned(a.asLong(), b.asLong()), 0, 0));
        }
        if (op.equals("-") && a.type.isPointer() && b.type.isPointer()) {
            long size = Math.max(1, a.type.strip().target == null ? 1 : a.type.strip().target.byteSize());
            return computed(type("int"), (a.asLong() - b.asLong()) / size);
        }
        Value pointer = a.type.isPointer() ? a : b;
        Value offset = a.type.isPointer() ? b : a;
        if (!(op.equals("+") || op.equals("-") && pointer == a) || !offset.type.isInteger()) {
            throw new EvaluationException("cannot apply '" + op + "' to " + a.type.spell() + " and " + b.type.spell());
        }
        CType target = pointer.type.strip().target;
        long size = target == null || target.byteSize() <= 0 ? 1 : target.byteSize();
        long delta = offset.asLong() * size;
        long address = (pointer.asLong() + (op.equals("-") ? -delta : delta)) & mask();
        return computed(pointer.type, address);
    }

    /** Whether a cast may name this type: a base type, or one the program defines ({@code Rect}, {@code geo::Rect}). */
    boolean isType(String typeName) {
        String n = TYPE_ALIASES.getOrDefault(typeName, typeName);
        return type(n) != null || (unit != null && unit.types().named(n) != null);
    }

    /**
     * A C-style or {@code static_cast}/{@code reinterpret_cast} cast to a type by name with {@code pointers} stars:
     * to a base type converts the value; to a pointer type reinterprets the address ({@code (Rect*)shape},
     * {@code (char*)p}, {@code (Shape*)this}).
     */
    Value cast(String typeName, int pointers, Value v) throws EvaluationException {
        if (pointers == 0) {
            return cast(typeName, v);
        }
        String n = TYPE_ALIASES.getOrDefault(typeName, typeName);
        CType t = n.equals("void") ? CType.VOID : type(n);
        if (t == null && unit != null) {
            t = unit.types().named(n);
        }
        if (t == null) {
            throw new EvaluationException("unknown type '" + typeName + "'");
        }
        Value x = rvalue(v);
        if (!x.type.isInteger() && !x.type.isPointer()) {
            throw new EvaluationException("cannot cast " + x.type.spell() + " to a pointer");
        }
        for (int i = 0; i < pointers; i++) {
            t = CType.pointerTo(t, addressSize);
        }
        return computed(t, x.asLong() & mask());
    }

    Value cast(String typeName, Value v) throws EvaluationException {
        CType t = type(TYPE_ALIASES.getOrDefault(typeName, typeName));
        if (t == null && unit != null) {
            CType named = unit.types().named(TYPE_ALIASES.getOrDefault(typeName, typeName));
            if (named != null && (named.isPointer() || named.isInteger() || named.isFloat())) {
                t = named;
            } else if (named != null) {
                throw new EvaluationException("cannot cast to " + named.spell() + " (not a scalar); cast a pointer: ("
                        + typeName + "*)");
            }
        }
        if (t == null) {
            throw new EvaluationException("unknown type '" + typeName + "'");
        }
        Value x = rvalue(v);
        requireScalar(x, "cast");
        if (t.isFloat()) {
            return computed(t, x.asDouble());
        }
        long n = x.type.isFloat() ? (long) x.asDouble() : x.asLong();
        if (t.strip().encoding == CType.ATE_BOOLEAN) {
            n = x.type.isFloat() ? (x.asDouble() != 0 ? 1 : 0) : (n != 0 ? 1 : 0);
        }
        return computed(t, n);
    }

    Value member(Value v, String name, boolean arrow) throws EvaluationException {
        Value base = v;
        if (arrow) {
            Value p = rvalue(v);
            if (!p.type.isPointer()) {
                throw new EvaluationException("cannot use '->' on " + v.name() + " of type " + v.type.spell()
                        + (isAggregate(v.type) ? "; use '.'" : ""));
            }
            base = deref(p);
        } else if (v.type.isPointer() && rustReference(v.type)) {
            base = deref(rvalue(v)); // Rust's '.' dereferences &T, &mut T and Box<T> itself
        } else if (v.type.isPointer() && isAggregate(v.type.strip().target)) {
            throw new EvaluationException(v.name() + " is a pointer (" + v.type.spell() + "); use '->'");
        }
        requireAvailable(base);
        if (!isAggregate(base.type)) {
            throw new EvaluationException(base.type.spell() + " has no members");
        }
        if (base.type.strip().variants != null) {
            return variantMember(base, name);
        }
        Value found = findMember(base, name, 0);
        if (found == null && name.matches("\\d+")) {
            found = findMember(base, "__" + name, 0); // a Rust tuple's field: t.0 is __0
        }
        if (found == null) {
            // A member of the dynamic type: a Shape* pointing to a Rect has w_; a &dyn Priced its Item's name.
            Value dynamic = DynamicTypes.cxxObject(base);
            dynamic = dynamic != null ? dynamic : DynamicTypes.rustObject(base);
            found = dynamic == null ? null : findMember(dynamic, name, 0);
        }
        if (found == null) {
            throw new EvaluationException(base.type.spell() + " has no member named '" + name + "'");
        }
        return found;
    }

    /**
     * A field of a Rust enum's active variant ({@code kind.0}, {@code food.calories}), or the variant itself by its
     * name ({@code kind.Gadget}); asking for a field of a variant that is not active says which one is.
     */
    private Value variantMember(Value enumValue, String name) throws EvaluationException {
        Value variant;
        try {
            variant = RustFormatters.activeVariant(enumValue);
        } catch (IllegalStateException e) {
            throw new EvaluationException(enumValue.name() + ": " + e.getMessage());
        }
        String active = variant.name();
        if (name.equals(active)) {
            return variant;
        }
        Value found = findMember(variant, name, 0);
        if (found == null && name.matches("\\d+")) {
            found = findMember(variant, "__" + name, 0);
        }
        if (found == null) {
            boolean otherVariant = enumValue.type.strip().variants.variants().stream()
                    .anyMatch(v -> name.equals(v.member().name()));
            throw new EvaluationException(otherVariant ? enumValue.name() + " is " + active + ", not " + name
                    : "variant " + active + " of " + enumValue.type.spell() + " has no field '" + name + "'");
        }
        return found;
    }

    /** {@code x.len()} (Rust) or {@code x.size()} (C++): the length of a string, sequence, map or set. */
    Value length(Value v, String method) throws EvaluationException {
        Value base = v.type.isPointer() && rustReference(v.type) ? deref(rvalue(v)) : v;
        requireAvailable(base);
        CType t = base.type.strip();
        if (t.kind == CType.Kind.ARRAY && t.count >= 0) {
            return computed(usize(), t.count);
        }
        if (isAggregate(base.type)) {
            for (String name : new String[] {"len", "length"}) {
                Value len = Formatters.find(base, name, 3); // String.vec.len, &str's length, Vec's len
                if (len != null && len.type.isInteger()) {
                    return computed(usize(), len.asLong());
                }
            }
            Formatted formatted = base.formatted();
            String text = formatted == null ? "" : formatted.summary();
            if (formatted != null && formatted.count() == 0 && text.length() >= 2 && text.startsWith("\"")
                    && text.endsWith("\"")) {
                // A string formatter's text (std::string): its length in bytes, escapes counted as one byte.
                String body = text.substring(1, text.length() - 1).replaceAll("\\\\x[0-9a-fA-F]{2}", "?")
                        .replaceAll("\\\\(.)", "$1");
                return computed(usize(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
            if (formatted != null && (formatted.count() > 0 && formatted.child(0).name().equals("[0]")
                    || formatted.summary().startsWith("size=0") || formatted.summary().startsWith("len=0"))) {
                return computed(usize(), formatted.count());
            }
        }
        throw new EvaluationException("cannot take " + method + "() of " + base.type.spell());
    }

    private CType usize() {
        CType t = type(addressSize == 8 ? "unsigned long long" : "unsigned int");
        return t != null ? t : TypeTable.builtin("unsigned int");
    }

    private static boolean rustReference(CType type) {
        CType t = type.strip();
        return t.qualifiedNames && t.name != null
                && (t.name.startsWith("&") || t.name.startsWith("alloc::boxed::Box<"));
    }

    /** A member by name, looking into anonymous struct and union members as C does, and into C++ base classes. */
    private Value findMember(Value aggregate, String name, int depth) {
        if (depth > 16) {
            return null;
        }
        for (CType.Member m : aggregate.type.strip().members) {
            if (name.equals(m.name())) {
                return aggregate.member(m);
            }
        }
        for (CType.Member m : aggregate.type.strip().members) {
            if ((m.name() == null || m.base()) && isAggregate(m.type())) {
                Value inner = findMember(aggregate.member(m), name, depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    Value index(Value base, Value index) throws EvaluationException {
        Value i = rvalue(index);
        if (!i.type.isInteger()) {
            throw new EvaluationException("array index is not an integer: " + i.type.spell());
        }
        long n = i.asLong();
        requireAvailable(base);
        CType t = base.type.strip();
        Formatted formatted = t.kind == CType.Kind.STRUCT || t.kind == CType.Kind.CLASS ? base.formatted() : null;
        if (formatted != null && formatted.count() > 0 && formatted.child(0).name().equals("[0]")) {
            // A Vec, slice, std::vector, std::array...: its elements as the formatter shows them.
            if (n < 0 || n >= formatted.count()) {
                throw new EvaluationException("index " + n + " is outside " + base.name() + " (length "
                        + formatted.count() + ")");
            }
            return formatted.child((int) n);
        }
        if (t.kind == CType.Kind.ARRAY && base.address().isEmpty()) {
            if (n < 0 || n >= t.count) {
                throw new EvaluationException("index " + n + " is outside " + base.type.spell());
            }
            return base.element(n);
        }
        Value pointer = rvalue(base);
        if (!pointer.type.isPointer()) {
            throw new EvaluationException("cannot index " + base.type.spell());
        }
        CType target = pointer.type.strip().target;
        if (target == null || target.byteSize() <= 0) {
            throw new EvaluationException("cannot index " + pointer.type.spell() + ": its elements have no size");
        }
        long address = (pointer.asLong() + n * target.byteSize()) & mask();
        return new Value("[" + n + "]", target, new Place.Memory(address), state, addressSize);
    }

    Value deref(Value v) throws EvaluationException {
        Value p = rvalue(v);
        if (!p.type.isPointer()) {
            throw new EvaluationException("cannot dereference " + p.type.spell());
        }
        CType target = p.type.strip().target == null ? CType.VOID : p.type.strip().target;
        CType.Kind kind = target.strip().kind;
        if (kind == CType.Kind.VOID || kind == CType.Kind.FUNCTION) {
            throw new EvaluationException("cannot dereference " + p.type.spell());
        }
        if (p.asLong() == 0) {
            throw new EvaluationException("cannot dereference a null pointer");
        }
        return p.deref();
    }

    Value addressOf(Value v) throws EvaluationException {
        if (v.bitSize > 0) {
            throw new EvaluationException("cannot take the address of bitfield " + v.name());
        }
        if (v.address().isEmpty()) {
            throw new EvaluationException("cannot take the address of " + v.name() + ": it is not in memory");
        }
        return computed(CType.pointerTo(v.type, addressSize), v.address().get());
    }

    /** An available scalar: arrays decay to a pointer to their first element. */
    private Value rvalue(Value v) throws EvaluationException {
        requireAvailable(v);
        if (v.type.strip().kind == CType.Kind.ARRAY) {
            if (v.address().isEmpty()) {
                throw new EvaluationException("array " + v.name() + " is not in memory");
            }
            CType element = v.type.strip().target == null ? CType.VOID : v.type.strip().target;
            return computed(CType.pointerTo(element, addressSize), v.address().get());
        }
        return v;
    }

    private static void requireAvailable(Value v) throws EvaluationException {
        if (v.unavailable().isPresent()) {
            throw new EvaluationException("'" + v.name() + "' is " + v.unavailable().get());
        }
    }

    private static void requireScalar(Value v, String what) throws EvaluationException {
        if (!v.type.isInteger() && !v.type.isFloat() && !v.type.isPointer()) {
            throw new EvaluationException("cannot " + what + " " + v.type.spell());
        }
    }

    private static void requireNumber(Value v, String op) throws EvaluationException {
        if (!v.type.isInteger() && !v.type.isFloat()) {
            throw new EvaluationException("cannot apply '" + op + "' to " + v.type.spell());
        }
    }

    private static boolean isAggregate(CType t) {
        if (t == null) {
            return false;
        }
        CType.Kind k = t.strip().kind;
        return k == CType.Kind.STRUCT || k == CType.Kind.UNION || k == CType.Kind.CLASS;
    }

    private static boolean compare(String op, int c, double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return op.equals("!=");
        }
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** Integer promotion: types narrower than int (and enums, bools, chars, bitfields) compute as int. */
    private CType promote(CType t) {
        long size = t.byteSize();
        if (size < 4) {
            return type("int");
        }
        if (size == 4) {
            return type(t.isSigned() ? "int" : "unsigned int");
        }
        return type(t.isSigned() ? "long long" : "unsigned long long");
    }

    /** The usual arithmetic conversions for two integer types. */
    private CType common(CType a, CType b) {
        CType pa = promote(a);
        CType pb = promote(b);
        long sa = pa.byteSize();
        long sb = pb.byteSize();
        if (sa == sb) {
            return pa.isSigned() && pb.isSigned() ? pa : (pa.isSigned() ? pb : pa);
        }
        return sa > sb ? pa : pb;
    }

    /** A value (already extended by its own type) converted to integer type {@code to}: truncated, re-extended. */
    private static long convert(long value, CType to) {
        long size = to.byteSize();
        if (size >= 8) {
            return value;
        }
        long truncated = value & ((1L << (size * 8)) - 1);
        return to.isSigned() ? Scalars.toLong(Scalars.fromLong(truncated, (int) size), (int) size, true) : truncated;
    }

    private long mask() {
        return addressSize >= 8 ? -1L : (1L << (addressSize * 8)) - 1;
    }

    private CType type(String name) {
        CType t = unit == null ? null : unit.types().base(name);
        return t != null ? t : TypeTable.builtin(name);
    }

    private Value computed(CType t, long n) {
        int size = (int) Math.max(1, t.byteSize());
        return new Value("", t, new Place.Bytes(Scalars.fromLong(n, size)), state, addressSize);
    }

    private Value computed(CType t, double d) {
        int size = (int) Math.max(4, t.byteSize());
        return new Value("", t, new Place.Bytes(Scalars.fromDouble(d, size)), state, addressSize);
    }
}
