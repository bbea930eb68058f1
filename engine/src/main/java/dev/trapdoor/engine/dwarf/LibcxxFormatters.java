package dev.trapdoor.engine.dwarf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Formatters for libc++ (LLVM 14, as Debian builds it for wasm32-wasi: ABI version 2, so the alternate string
 * layout), found by member names: {@code std::string} (short and long form), {@code vector}, {@code array},
 * {@code map}/{@code set} (in-order), {@code unordered_map}/{@code unordered_set}, {@code unique_ptr},
 * {@code shared_ptr}, {@code optional}, {@code variant}. Type names arrive with the inline namespace removed
 * ({@code std::vector<...>}).
 */
final class LibcxxFormatters {
    /**
     * Where a tree node's value starts: after {@code __left_}, {@code __right_}, {@code __parent_} and
     * {@code __is_black_} padded to 16 bytes on wasm32, a multiple of any value's alignment up to 16.
     */
    private static final int TREE_VALUE_OFFSET = 16;
    /** Where a hash node's value starts: after {@code __next_} and {@code __hash_} (wasm32). */
    private static final int HASH_VALUE_OFFSET = 8;

    private LibcxxFormatters() {
    }

    static Formatted format(Value v, CType t, String name, int depth) {
        if (name.startsWith("std::basic_string<char,")) {
            return Formatted.leaf(string(v));
        }
        if (name.startsWith("std::vector<")) {
            return vector(v, depth);
        }
        if (name.startsWith("std::array<")) {
            Value elems = Formatters.member(v, "__elems_");
            int n = elems == null ? 0 : (int) Math.max(0, elems.type.strip().count);
            IntFunction<Value> children = elems == null ? i -> null : elems::element;
            return new Formatted("size=" + n + " " + Formatters.list("{", "}", n, children, depth), n, children);
        }
        if (name.startsWith("std::map<") || name.startsWith("std::set<") || name.startsWith("std::multimap<")
                || name.startsWith("std::multiset<")) {
            return tree(v, depth);
        }
        if (name.startsWith("std::unordered_map<") || name.startsWith("std::unordered_set<")
                || name.startsWith("std::unordered_multimap<") || name.startsWith("std::unordered_multiset<")) {
            return hashTable(v, depth);
        }
        if (name.startsWith("std::unique_ptr<")) {
            return pointer(v, Formatters.firstPointer(v, 4), depth, "");
        }
        if (name.startsWith("std::shared_ptr<")) {
            Value ptr = Formatters.member(v, "__ptr_");
            Value control = Formatters.member(v, "__cntrl_");
            String count = "";
            if (control != null && control.asLong() != 0) {
                Value owners = Formatters.find(Formatters.at(v, "*", Formatters.pointee(control), control.asLong()),
                        "__shared_owners_", 3);
                count = owners == null ? "" : " (use_count=" + (owners.asLong() + 1) + ")";
            }
            return pointer(v, ptr, depth, count);
        }
        if (name.startsWith("std::optional<")) {
            Value engaged = Formatters.find(v, "__engaged_", 8);
            Value value = Formatters.find(v, "__val_", 8);
            if (engaged.asLong() == 0) {
                return Formatted.leaf("nullopt");
            }
            return Formatted.of(display(value, depth), List.of(value.named("value")));
        }
        if (name.startsWith("std::variant<")) {
            return variant(v, depth);
        }
        return null;
    }

    private static String display(Value v, int depth) {
        return depth >= ValueFormat.MAX_DEPTH ? "{...}" : ValueFormat.display(v, depth + 1);
    }

    /** A {@code basic_string<char>}'s text; {@code __long}'s first member tells the standard and alternate layouts. */
    private static String string(Value v) {
        Value rep = Formatters.find(v, "__r_", 0);
        Value longForm = Formatters.find(rep, "__l", 4);
        Value shortForm = Formatters.find(rep, "__s", 4);
        List<CType.Member> longMembers = longForm.type.strip().members;
        boolean alternate = !longMembers.isEmpty() && "__data_".equals(longMembers.get(0).name());
        Value isLongBit = Formatters.find(shortForm, "__is_long_", 2);
        Value sizeField = Formatters.find(shortForm, "__size_", 2);
        boolean isLong;
        long shortSize;
        if (isLongBit != null) { // libc++ 15+: bitfields
            isLong = isLongBit.asLong() != 0;
            shortSize = sizeField.asLong();
        } else {
            long b = sizeField.asLong() & 0xFF;
            isLong = alternate ? (b & 0x80) != 0 : (b & 1) != 0;
            shortSize = alternate ? b : b >> 1;
        }
        if (isLong) {
            return Formatters.text(v, Formatters.member(longForm, "__data_").asLong(),
                    Formatters.member(longForm, "__size_").asLong());
        }
        Value data = Formatters.member(shortForm, "__data_");
        long capacity = data.type.strip().count;
        if (shortSize > capacity) {
            throw new IllegalStateException("short size over capacity");
        }
        return Formatters.text(v, data.address().orElseThrow(), shortSize);
    }

    private static Formatted vector(Value v, int depth) {
        if (Formatters.member(v, "__size_") != null) {
            return null; // vector<bool>: bits, not elements
        }
        Value begin = Formatters.member(v, "__begin_");
        Value end = Formatters.member(v, "__end_");
        CType element = Formatters.pointee(begin);
        long size = element.byteSize();
        if (size <= 0) {
            return null;
        }
        int n = Formatters.count((end.asLong() - begin.asLong()) / size);
        IntFunction<Value> children = Formatters.elements(v, element, begin.asLong());
        return new Formatted("size=" + n + " " + Formatters.list("{", "}", n, children, depth), n, children);
    }

    /** unique_ptr and shared_ptr: the pointee's summary and children, as its dynamic type when polymorphic. */
    private static Formatted pointer(Value v, Value ptr, int depth, String suffix) {
        if (ptr == null) {
            return null;
        }
        long address = ptr.asLong();
        CType to = Formatters.pointee(ptr);
        if (address == 0) {
            return Formatted.leaf("nullptr");
        }
        Value pointee = Formatters.at(v, "*" + v.name(), to, address);
        Value dynamic = DynamicTypes.cxxObject(pointee);
        if (dynamic != null) {
            pointee = dynamic;
        }
        String summary = (dynamic == null ? "" : "(" + dynamic.type.spell() + ") ") + display(pointee, depth) + suffix;
        int n = pointee.childCount();
        return n == 0 ? Formatted.of(summary, List.of(pointee)) : new Formatted(summary, n, pointee::child);
    }

    /** map, set and their multi forms: the red-black tree's nodes in order, each node's value at a fixed offset. */
    private static Formatted tree(Value v, int depth) {
        Value tree = Formatters.member(v, "__tree_");
        CType valueType = tree.type.templateParameter("_Tp");
        Value root = Formatters.find(Formatters.member(tree, "__pair1_"), "__left_", 4);
        long size = firstInteger(Formatters.member(tree, "__pair3_"));
        int n = Formatters.count(size);
        List<Long> nodes = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>();
        long node = root.asLong();
        int steps = 0;
        while ((node != 0 || !pending.isEmpty()) && nodes.size() < n && steps++ < 4 * n + 16) {
            while (node != 0 && pending.size() <= n) {
                pending.push(node);
                node = word(v, node); // __left_
            }
            node = pending.pop();
            nodes.add(node);
            node = word(v, node + v.addressSize); // __right_
        }
        if (nodes.size() != n) {
            throw new IllegalStateException("tree does not match its size");
        }
        return entries(v, nodes, valueType, TREE_VALUE_OFFSET, depth);
    }

    private static Formatted hashTable(Value v, int depth) {
        Value table = Formatters.member(v, "__table_");
        CType valueType = table.type.templateParameter("_Tp");
        Value first = Formatters.find(Formatters.member(table, "__p1_"), "__next_", 4);
        int n = Formatters.count(firstInteger(Formatters.member(table, "__p2_")));
        List<Long> nodes = new ArrayList<>();
        for (long node = first.asLong(); node != 0 && nodes.size() < n; node = word(v, node)) {
            nodes.add(node);
        }
        return entries(v, nodes, valueType, HASH_VALUE_OFFSET, depth);
    }

    /** Map entries show as {@code key: value} (the {@code __cc} pair of {@code __value_type}); set entries as keys. */
    private static Formatted entries(Value v, List<Long> nodes, CType valueType, int offset, int depth) {
        int n = nodes.size();
        IntFunction<Value> children = i -> {
            Value e = Formatters.at(v, "[" + i + "]", valueType, nodes.get(i) + offset);
            Value pair = Formatters.member(e, "__cc");
            return pair == null ? e : pair.named("[" + i + "]");
        };
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < n && i < Formatters.SUMMARY_ITEMS; i++) {
            Value e = children.apply(i);
            Value key = Formatters.member(e, "first");
            shown.add(key == null ? display(e, depth)
                    : display(key, depth) + ": " + display(Formatters.member(e, "second"), depth));
        }
        if (n > Formatters.SUMMARY_ITEMS) {
            shown.add("...");
        }
        return new Formatted("size=" + n + " {" + String.join(", ", shown) + "}", n, children);
    }

    private static Formatted variant(Value v, int depth) {
        Value index = Formatters.find(v, "__index", 16);
        Value data = Formatters.find(v, "__data", 16);
        long active = index.asLong() & 0xFFFFFFFFL;
        if (active == 0xFFFFFFFFL) {
            return Formatted.leaf("valueless_by_exception");
        }
        Value alternative = data;
        for (long k = 0; k < active; k++) {
            alternative = Formatters.member(alternative, "__tail");
        }
        Value value = Formatters.member(Formatters.member(alternative, "__head"), "__value");
        return Formatted.of("index=" + active + " " + display(value, depth),
                List.of(value.named("value"), Formatters.number(v, "index", active)));
    }

    private static long word(Value v, long address) {
        byte[] b = v.state.readMemory(address, v.addressSize);
        if (b == null) {
            throw new IllegalStateException("cannot read memory");
        }
        return Scalars.toLong(b, b.length, false);
    }

    /** The integer inside a compressed pair (its first element's {@code __value_}). */
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
}
