package dev.trapdoor.engine.exec;

import java.util.Arrays;

/** A growable {@code int} array for emitting code without boxing. */
final class IntList {
    private int[] data = new int[64];
    private int size;

    int size() {
        return size;
    }

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    int get(int i) {
        return data[i];
    }

    void set(int i, int v) {
        data[i] = v;
    }

    /** Drops every element from index n on. */
    void truncate(int n) {
        size = Math.min(size, n);
    }

    int last() {
        return data[size - 1];
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
