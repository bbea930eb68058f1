package dev.trapdoor.engine.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One index space of a module (functions, tables, ...): entries in index order, with their optional names. */
final class IndexSpace {
    final String what;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();

    IndexSpace(String what) {
        this.what = what;
    }

    /** Adds an entry and returns its index; a repeated name is an error at {@code at}. */
    int add(String name, Cursor c, Token at) {
        int index = names.size();
        if (name != null && byName.putIfAbsent(name, index) != null) {
            throw c.at(at, "duplicate " + what + " $" + name);
        }
        names.add(name);
        return index;
    }

    int size() {
        return names.size();
    }

    String name(int index) {
        return names.get(index);
    }

    Integer lookup(String name) {
        return byName.get(name);
    }

    boolean hasNames() {
        return !byName.isEmpty();
    }
}
