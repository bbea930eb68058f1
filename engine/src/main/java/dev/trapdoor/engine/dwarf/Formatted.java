package dev.trapdoor.engine.dwarf;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A formatter's view of a value: a one-line summary and synthetic children, made on demand so that a vector of a
 * million elements costs what is shown of it.
 */
record Formatted(String summary, int count, IntFunction<Value> children) {
    static Formatted of(String summary, List<Value> children) {
        return new Formatted(summary, children.size(), children::get);
    }

    static Formatted leaf(String summary) {
        return new Formatted(summary, 0, i -> {
            throw new IndexOutOfBoundsException(i);
        });
    }

    Value child(int i) {
        return children.apply(i);
    }
}
