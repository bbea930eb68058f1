package dev.trapdoor.engine.dwarf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Value formatters, in the spirit of lldb's data formatters: a summary and synthetic children for the Rust standard
 * library's and libc++'s types ({@link RustFormatters}, {@link LibcxxFormatters}), chosen by the type's qualified
 * name. A formatter reads the layout it expects by member names; when the layout does not match (another library
 * version, damage, unreadable memory) it gives up and the value shows raw. Every formatted value also has a
 * {@link Value#RAW_VIEW} child.
 */
final class Formatters {
    /** Elements a summary lists before "...". */
    static final int SUMMARY_ITEMS = ValueFormat.SUMMARY_ITEMS;
    /** Synthetic children are capped here: a corrupt length must not make millions of them. */
    static final int MAX_CHILDREN = 1 << 20;
    /** libc++'s versioned inline namespace, {@code std::__2::} in Debian's wasm32 build. */
    private static final Pattern LIBCXX_INLINE = Pattern.compile("^std::__\\w+::");

    private Formatters() {
    }

    static Formatted format(Value v) {
        return format(v, 0);
    }

    /** The formatter's view, or null when no formatter applies or the layout does not match. */
    static Formatted format(Value v, int depth) {
        if (v.raw || v.place instanceof Place.Unavailable) {
            return null;
        }
        CType t = v.type.strip();
        if (t.kind == CType.Kind.POINTER && t.qualifiedNames && t.name == null) {
            try {
                return dynamicPointer(v, depth); // C++: a pointer to a polymorphic class, as its dynamic type
            } catch (RuntimeException layoutMismatch) {
                return null;
            }
        }
        if (!t.qualifiedNames || t.name == null && t.variants == null && t.kind != CType.Kind.REFERENCE) {
            return null;
        }
        try {
            String name = t.name == null ? "" : LIBCXX_INLINE.matcher(t.name).replaceFirst("std::");
            if (t.kind == CType.Kind.REFERENCE) {
                return RustFormatters.through(v, depth); // C++ references, as lldb shows them: the referent
            }
            Formatted f = name.startsWith("std::") ? LibcxxFormatters.format(v, t, name, depth) : null;
            return f != null ? f : RustFormatters.format(v, t, name, depth);
        } catch (RuntimeException layoutMismatch) {
            return null; // shown raw: a formatter is an aid, never a failure
        }
    }

    /** {@code (geo::Rect *) 0x11ab0} with the object as its dynamic type for a child; null when that is the static. */
    private static Formatted dynamicPointer(Value v, int depth) {
        CType to = pointee(v);
        long address = v.asLong();
        if (to == null || address == 0 || to.strip().table == null) {
            return null;
        }
        Value object = DynamicTypes.cxxObject(at(v, "*" + v.name(), to, address));
        if (object == null) {
            return null;
        }
        return Formatted.of("(" + object.type.spell() + " *) 0x" + Long.toHexString(address), List.of(object));
    }

    // ---- helpers shared by the formatters ----

    /** A member by name, looking through base classes (inheritance members) and one level of wrappers. */
    static Value member(Value v, String name) {
        CType.Member m = v.type.member(name);
        return m == null ? null : v.member(m);
    }

    /** The first member named {@code name} at most {@code depth} levels down (members of members, bases). */
    static Value find(Value v, String name, int depth) {
        CType t = v.type.strip();
        if (depth < 0 || t.kind != CType.Kind.STRUCT && t.kind != CType.Kind.CLASS && t.kind != CType.Kind.UNION) {
            return null;
        }
        for (CType.Member m : t.members) {
            if (name.equals(m.name())) {
                return v.member(m);
            }
        }
        for (CType.Member m : t.members) {
            Value found = find(v.member(m), name, depth - 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first pointer at most {@code depth} levels down (a Unique's NonNull's pointer, a pair's first). */
    static Value firstPointer(Value v, int depth) {
        CType t = v.type.strip();
        if (t.kind == CType.Kind.POINTER) {
            return v;
        }
        if (depth < 0 || t.kind != CType.Kind.STRUCT && t.kind != CType.Kind.CLASS) {
            return null;
        }
        for (CType.Member m : t.members) {
            Value found = firstPointer(v.member(m), depth - 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A value of a type at an address. */
    static Value at(Value context, String name, CType type, long address) {
        return new Value(name, type, new Place.Memory(address), context.state, context.addressSize);
    }

    /** A number computed by a formatter (a length, a count), shown as an unsigned size. */
    static Value number(Value context, String name, long n) {
        CType size = CType.base("usize", context.addressSize, CType.ATE_UNSIGNED);
        size.qualifiedNames = true;
        return new Value(name, size, new Place.Bytes(Place.Bytes.of(n)), context.state, context.addressSize);
    }

    /** The pointee type of a pointer value's type, or null. */
    static CType pointee(Value pointer) {
        CType t = pointer.type.strip();
        return t.kind == CType.Kind.POINTER || t.kind == CType.Kind.REFERENCE ? t.target : null;
    }

    /** {@code count} elements of {@code element} from {@code address}, named {@code [i]}. */
    static IntFunction<Value> elements(Value context, CType element, long address) {
        long size = element.byteSize();
        if (size <= 0) {
            throw new IllegalStateException("element of unknown size");
        }
        return i -> at(context, "[" + i + "]", element, address + i * size);
    }

    /** A bounded count: a length that cannot be real (negative, or over the cap) means the layout does not match. */
    static int count(long n) {
        if (n < 0 || n > MAX_CHILDREN) {
            throw new IllegalStateException("implausible length " + n);
        }
        return (int) n;
    }

    /** {@code prefix[e0, e1, ...]} with the first {@link #SUMMARY_ITEMS} elements' displays. */
    static String list(String open, String close, int count, IntFunction<Value> children, int depth) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count && i < SUMMARY_ITEMS; i++) {
            items.add(depth >= ValueFormat.MAX_DEPTH ? "..." : ValueFormat.display(children.apply(i), depth + 1));
        }
        if (count > SUMMARY_ITEMS) {
            items.add("...");
        }
        return open + String.join(", ", items) + close;
    }

    /** UTF-8 text of {@code length} bytes at {@code address}, quoted and escaped, capped. */
    static String text(Value context, long address, long length) {
        int n = (int) Math.min(Math.max(length, 0), ValueFormat.STRING_CAP);
        byte[] bytes = n == 0 ? new byte[0] : context.state.readMemory(address, n);
        if (bytes == null) {
            throw new IllegalStateException("cannot read memory");
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> out.append(c < 0x80 ? ValueFormat.escape(c, '"') : Character.toString(c)));
        return out.append(length > n ? "\"..." : "\"").toString();
    }

    /** All the members' values, e.g. a tuple's fields or a variant's fields. */
    static List<Value> members(Value v) {
        List<Value> out = new ArrayList<>();
        for (CType.Member m : v.type.strip().members) {
            out.add(v.member(m));
        }
        return out;
    }
}
