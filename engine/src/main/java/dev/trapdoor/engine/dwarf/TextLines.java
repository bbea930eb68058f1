package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CodeOffsets;
import dev.trapdoor.engine.model.FunctionBody;

import java.util.List;

/**
 * Line information that does not come from DWARF: the text position of each instruction of a module compiled from
 * the text format. {@link SourceMap#of(dev.trapdoor.engine.model.WasmModule, TextLines)} answers from it through the
 * same queries as from a DWARF line table, so breakpoints, frames and line stepping work on {@code .wat} lines.
 *
 * @param file          the text file's path, as breakpoints and frames name it
 * @param moduleOffsets each instruction's module offset, ascending
 * @param lines         its 1-based line
 * @param columns       its 1-based column
 */
public record TextLines(String file, int[] moduleOffsets, int[] lines, int[] columns) {

    /** One sequence per function body: a row per instruction, then the end row at the body's end. */
    LineTable table(CodeOffsets code, List<FunctionBody> bodies) {
        int n = moduleOffsets.length;
        int[] offsets = new int[n + bodies.size()];
        int[] rowLines = new int[offsets.length];
        int[] rowColumns = new int[offsets.length];
        int[] files = new int[offsets.length];
        int[] flags = new int[offsets.length];
        int[] starts = new int[bodies.size()];
        int row = 0;
        int i = 0;
        for (int b = 0; b < bodies.size(); b++) {
            FunctionBody body = bodies.get(b);
            starts[b] = row;
            while (i < n && moduleOffsets[i] < body.bodyOffset()) {
                i++;
            }
            for (; i < n && moduleOffsets[i] < body.endOffset(); i++) {
                offsets[row] = (int) code.toCodeOffset(moduleOffsets[i]);
                rowLines[row] = lines[i];
                rowColumns[row] = columns[i];
                flags[row] = LineTable.IS_STMT;
                row++;
            }
            offsets[row] = (int) code.toCodeOffset(body.endOffset() - 1) + 1;
            flags[row] = LineTable.END_SEQUENCE;
            row++;
        }
        return new LineTable(java.util.Arrays.copyOf(offsets, row), java.util.Arrays.copyOf(rowLines, row),
                java.util.Arrays.copyOf(rowColumns, row), java.util.Arrays.copyOf(files, row),
                java.util.Arrays.copyOf(flags, row), starts, List.of(new SourceFile(file, 0, 0)));
    }
}
