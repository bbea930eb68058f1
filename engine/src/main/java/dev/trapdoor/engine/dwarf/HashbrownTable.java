package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Rust's {@code HashMap}/{@code HashSet} entries, read from hashbrown's {@code RawTable<T>} as std 1.63 embeds it:
 * {@code bucket_mask + 1} control bytes at {@code ctrl} (a full bucket's has its top bit clear), and bucket {@code i}
 * stored {@code (i + 1) * size_of::<T>()} bytes before {@code ctrl}. T is {@code (K, V)}, or {@code (K, ())} for a
 * set.
 */
final class HashbrownTable {
    private HashbrownTable() {
    }

    static Formatted format(Value v, boolean set, int depth) {
        Value raw = Formatters.find(v, "table", 3);
        String rawName = raw == null ? null : raw.type.strip().name;
        if (rawName == null || !rawName.startsWith("hashbrown::raw::RawTable<")) {
            throw new IllegalStateException("no RawTable");
        }
        CType entry = raw.type.templateParameter("T");
        Value inner = Formatters.member(raw, "table");
        long mask = Formatters.member(inner, "bucket_mask").asLong();
        long ctrl = Formatters.member(inner, "ctrl").type.strip().kind == CType.Kind.POINTER
                ? Formatters.member(inner, "ctrl").asLong()
                : Formatters.firstPointer(Formatters.member(inner, "ctrl"), 3).asLong();
        int items = Formatters.count(Formatters.member(inner, "items").asLong());
        long size = entry.byteSize();
        if (size <= 0 || mask < 0 || mask >= Formatters.MAX_CHILDREN) {
            throw new IllegalStateException("implausible table");
        }
        byte[] control = v.state.readMemory(ctrl, (int) mask + 1);
        if (control == null) {
            throw new IllegalStateException("cannot read the control bytes");
        }
        List<Long> full = new ArrayList<>();
        for (int i = 0; i <= mask && full.size() < items; i++) {
            if ((control[i] & 0x80) == 0) {
                full.add(ctrl - (i + 1) * size);
            }
        }
        int n = full.size();
        IntFunction<Value> entries = i -> {
            Value e = Formatters.at(v, "[" + i + "]", entry, full.get(i));
            return set ? e.member(entry.strip().members.get(0)).named("[" + i + "]") : e;
        };
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < n && i < Formatters.SUMMARY_ITEMS; i++) {
            Value e = Formatters.at(v, "[" + i + "]", entry, full.get(i));
            List<CType.Member> kv = entry.strip().members;
            String key = ValueFormat.display(e.member(kv.get(0)), depth + 1);
            shown.add(set ? key : key + ": " + ValueFormat.display(e.member(kv.get(1)), depth + 1));
        }
        if (n > Formatters.SUMMARY_ITEMS) {
            shown.add("...");
        }
        return new Formatted("len=" + n + " {" + String.join(", ", shown) + "}", n, entries);
    }
}
