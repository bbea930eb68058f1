package dev.trapdoor.engine.dwarf;

import java.util.Arrays;

/** A growable int array: line tables of large modules have millions of rows, too many to box. */
final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }
}
