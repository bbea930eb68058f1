package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Formatters for the Rust standard library as rustc 1.63 lays it out: {@code String}/{@code &str} as text,
 * {@code Vec}/slices/{@code VecDeque} with their length and elements, enums with data ({@code Option},
 * {@code Result}, any {@code DW_TAG_variant_part}) as the active variant and its fields, {@code Box}/{@code &T}/
 * {@code Rc}/{@code Arc} shown through, {@code HashMap}/{@code HashSet} entries (hashbrown's table), tuples.
 */
final class RustFormatters {
    private RustFormatters() {
    }

    static Formatted format(Value v, CType t, String name, int depth) {
        if (t.variants != null) {
            return enumeration(v, t, depth);
        }
        if (t.kind == CType.Kind.STRUCT && name.contains("dyn ")) {
            return traitObject(v, depth);
        }
        if (t.kind == CType.Kind.POINTER || t.kind == CType.Kind.REFERENCE) {
            return name.startsWith("&") || name.startsWith("alloc::boxed::Box<") ? through(v, depth) : null;
        }
        if (name.equals("alloc::string::String")) {
            Value vec = Formatters.member(v, "vec");
            return Formatted.leaf(Formatters.text(v, data(vec).asLong(), Formatters.member(vec, "len").asLong()));
        }
        if (name.equals("&str") || name.equals("&mut str")) {
            return Formatted.leaf(Formatters.text(v, Formatters.member(v, "data_ptr").asLong(),
                    Formatters.member(v, "length").asLong()));
        }
        if (name.startsWith("&[") || name.startsWith("&mut [")) {
            Value ptr = Formatters.member(v, "data_ptr");
            return sequence(v, Formatters.pointee(ptr), ptr.asLong(), Formatters.member(v, "length").asLong(),
                    depth);
        }
        if (name.startsWith("alloc::vec::Vec<")) {
            Value ptr = data(v);
            return sequence(v, Formatters.pointee(ptr), ptr.asLong(), Formatters.member(v, "len").asLong(), depth);
        }
        if (name.startsWith("alloc::collections::vec_deque::VecDeque<")) {
            return deque(v, depth);
        }
        if (name.startsWith("alloc::rc::Rc<") || name.startsWith("alloc::sync::Arc<")) {
            return counted(v, depth);
        }
        if (name.startsWith("std::collections::hash::map::HashMap<")
                || name.startsWith("std::collections::hash::set::HashSet<")) {
            return HashbrownTable.format(v, name.contains("::set::"), depth);
        }
        if (name.startsWith("(") && name.endsWith(")")) {
            List<Value> fields = Formatters.members(v);
            return Formatted.of(Formatters.list("(", ")", fields.size(), fields::get, depth), fields);
        }
        return null;
    }

    /** A Vec's (or String's inner Vec's) data pointer: {@code buf.ptr.pointer[.pointer]}. */
    private static Value data(Value vec) {
        Value ptr = Formatters.firstPointer(Formatters.member(vec, "buf"), 4);
        if (ptr == null) {
            throw new IllegalStateException("no data pointer");
        }
        return ptr;
    }

    private static Formatted sequence(Value v, CType element, long address, long length, int depth) {
        int n = Formatters.count(length);
        IntFunction<Value> children = Formatters.elements(v, element, address);
        return new Formatted("len=" + n + " " + Formatters.list("[", "]", n, children, depth), n, children);
    }

    /** VecDeque in rustc 1.63: a ring buffer {@code buf} of power-of-two capacity, {@code tail} to {@code head}. */
    private static Formatted deque(Value v, int depth) {
        Value buf = Formatters.member(v, "buf");
        Value ptr = Formatters.firstPointer(buf, 4);
        long cap = Formatters.member(buf, "cap").asLong();
        long tail = Formatters.member(v, "tail").asLong();
        long head = Formatters.member(v, "head").asLong();
        if (cap <= 0 || Long.bitCount(cap) != 1) {
            throw new IllegalStateException("capacity not a power of two");
        }
        int n = Formatters.count((head - tail) & (cap - 1));
        IntFunction<Value> slots = Formatters.elements(v, Formatters.pointee(ptr), ptr.asLong());
        IntFunction<Value> children = i -> slots.apply((int) ((tail + i) & (cap - 1))).named("[" + i + "]");
        return new Formatted("len=" + n + " " + Formatters.list("[", "]", n, children, depth), n, children);
    }

    /** {@code &dyn T}, {@code Box<dyn T>}: the concrete type the vtable belongs to, and that value's children. */
    private static Formatted traitObject(Value v, int depth) {
        Value object = DynamicTypes.rustObject(v);
        if (object == null || object.unavailable().isPresent()) {
            return null;
        }
        return shown(object, object.type.spell() + " ", depth);
    }

    /** {@code &T}, {@code &mut T}, {@code Box<T>}: the pointee's summary and children (C++: its dynamic type's). */
    static Formatted through(Value v, int depth) {
        CType to = Formatters.pointee(v);
        long address = v.asLong();
        if (to == null || address == 0 || to.strip().kind == CType.Kind.VOID || to.byteSize() < 0) {
            return null;
        }
        Value pointee = Formatters.at(v, "*" + v.name(), to, address);
        if (pointee.unavailable().isPresent()) {
            return null;
        }
        Value dynamic = DynamicTypes.cxxObject(pointee);
        return dynamic != null ? shown(dynamic, "(" + dynamic.type.spell() + ") ", depth) : shown(pointee, "", depth);
    }

    private static Formatted shown(Value pointee, String prefix, int depth) {
        String summary = prefix + (depth >= ValueFormat.MAX_DEPTH ? "{...}" : ValueFormat.display(pointee, depth + 1));
        int n = pointee.childCount();
        if (n == 0) {
            return Formatted.of(summary, List.of(pointee));
        }
        return new Formatted(summary, n, pointee::child);
    }

    /** Rc's RcBox {strong, weak, value} and Arc's ArcInner {strong, weak, data}. */
    private static Formatted counted(Value v, int depth) {
        Value ptr = Formatters.firstPointer(v, 4);
        Value inner = Formatters.at(v, "*" + v.name(), Formatters.pointee(ptr), ptr.asLong());
        Value value = Formatters.member(inner, "value");
        if (value == null) {
            value = Formatters.member(inner, "data");
        }
        long strong = firstInteger(Formatters.member(inner, "strong"));
        long weak = firstInteger(Formatters.member(inner, "weak"));
        List<Value> children = new ArrayList<>();
        children.add(value.named("value"));
        children.add(Formatters.number(v, "strong", strong));
        children.add(Formatters.number(v, "weak", weak));
        String summary = depth >= ValueFormat.MAX_DEPTH ? "{...}" : ValueFormat.display(value, depth + 1);
        return Formatted.of(summary + " (strong=" + strong + ")", children);
    }

    /** The integer inside a Cell/UnsafeCell/AtomicUsize wrapper. */
    private static long firstInteger(Value v) {
        Value at = v;
        for (int hop = 0; hop < 4 && at.type.strip().kind != CType.Kind.BASE; hop++) {
            List<CType.Member> members = at.type.strip().members;
            if (members.isEmpty()) {
                throw new IllegalStateException("no integer");
            }
            at = at.member(members.get(0));
        }
        return at.asLong();
    }

    /** The active variant of an enum with data, as Rust writes it: {@code Some(7)}, {@code Food { calories: 95 }}. */
    private static Formatted enumeration(Value v, CType t, int depth) {
        CType.Variant active = active(v, t.variants);
        Value inner = v.member(active.member());
        List<Value> fields = Formatters.members(inner);
        String variant = active.member().name() == null ? "?" : active.member().name();
        if (fields.isEmpty()) {
            return Formatted.of(variant, fields);
        }
        boolean tuple = fields.stream().allMatch(f -> f.name().matches("__\\d+"));
        if (tuple) {
            return Formatted.of(variant + Formatters.list("(", ")", fields.size(), fields::get, depth), fields);
        }
        List<String> items = new ArrayList<>();
        for (Value f : fields) {
            items.add(f.name() + ": " + (depth >= ValueFormat.MAX_DEPTH ? "..." : ValueFormat.display(f, depth + 1)));
        }
        return Formatted.of(variant + " { " + String.join(", ", items) + " }", fields);
    }

    /** The active variant's value of a Rust enum with data (its fields are the variant's). */
    static Value activeVariant(Value v) {
        CType t = v.type.strip();
        return v.member(active(v, t.variants).member());
    }

    private static CType.Variant active(Value v, CType.VariantPart part) {
        if (part.discriminant() == null) {
            if (part.variants().size() == 1) {
                return part.variants().get(0);
            }
            throw new IllegalStateException("no discriminant");
        }
        Value discr = v.member(part.discriminant());
        long size = discr.type.byteSize();
        long mask = size >= 8 ? -1L : (1L << (8 * size)) - 1;
        long d = discr.asLong() & mask;
        CType.Variant fallback = null;
        for (CType.Variant variant : part.variants()) {
            if (variant.discriminantValue() == null) {
                fallback = variant;
            } else if ((variant.discriminantValue() & mask) == d) {
                return variant;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no variant for discriminant " + d);
        }
        return fallback;
    }
}
