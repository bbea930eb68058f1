package dev.trapdoor.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each instruction of a module built from text came from: module offsets (ascending) with the line and column
 * of the instruction's mnemonic. The text-format counterpart of a DWARF line table.
 */
public final class TextPositions {
    private final String file;
    private final int[] moduleOffsets;
    private final int[] lines;
    private final int[] columns;

    TextPositions(String file, int[] moduleOffsets, int[] lines, int[] columns) {
        this.file = file;
        this.moduleOffsets = moduleOffsets;
        this.lines = lines;
        this.columns = columns;
    }

    static TextPositions of(String file, List<FunctionCode> bodies, int[] bodyOffsets) {
        int n = 0;
        for (FunctionCode f : bodies) {
            n += f.positions().length / 3;
        }
        long[] packed = new long[n];
        int k = 0;
        for (int b = 0; b < bodies.size(); b++) {
            int[] p = bodies.get(b).positions();
            for (int i = 0; i < p.length; i += 3) {
                packed[k++] = ((long) (bodyOffsets[b] + p[i]) << 32) | k - 1;
            }
        }
        int[][] flat = new int[n][];
        k = 0;
        for (FunctionCode f : bodies) {
            int[] p = f.positions();
            for (int i = 0; i < p.length; i += 3) {
                flat[k++] = new int[] {p[i + 1], p[i + 2]};
            }
        }
        Arrays.sort(packed);
        int[] offsets = new int[n];
        int[] lines = new int[n];
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = (int) (packed[i] >>> 32);
            int[] lc = flat[(int) packed[i]];
            lines[i] = lc[0];
            columns[i] = lc[1];
        }
        return new TextPositions(file, offsets, lines, columns);
    }

    /** The text file's name as given to the parser. */
    public String file() {
        return file;
    }

    /** All module offsets, ascending (a copy). */
    public int[] moduleOffsets() {
        return moduleOffsets.clone();
    }

    /** The line of each entry (a copy). */
    public int[] lines() {
        return lines.clone();
    }

    /** The column of each entry (a copy). */
    public int[] columns() {
        return columns.clone();
    }

    public int size() {
        return moduleOffsets.length;
    }

    public int moduleOffset(int i) {
        return moduleOffsets[i];
    }

    public int line(int i) {
        return lines[i];
    }

    public int column(int i) {
        return columns[i];
    }

    /** The entry of the instruction at or before {@code moduleOffset}, or {@code -1}. */
    public int entryAt(int moduleOffset) {
        int i = Arrays.binarySearch(moduleOffsets, moduleOffset);
        return i >= 0 ? i : -i - 2;
    }

    /** Module offsets of the instructions written on {@code line}, ascending. */
    public List<Integer> offsetsOnLine(int line) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == line) {
                out.add(moduleOffsets[i]);
            }
        }
        return out;
    }
}
