package dev.trapdoor.engine.dwarf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every live row of every line program, sorted by code offset, in parallel arrays (a large module has millions of
 * rows). Sequences keep their rows together and end with their end_sequence row, so the row in effect at an offset
 * is the last row at or before it, unless that row ends a sequence (the offset lies between functions).
 */
final class LineTable {
    static final int IS_STMT = 1;
    static final int END_SEQUENCE = 2;

    private final int[] codeOffsets;
    private final int[] lines;
    private final int[] columns;
    private final int[] files;
    private final int[] flags;
    private final int[] sequenceStarts;
    private final List<SourceFile> sourceFiles;

    LineTable(int[] codeOffsets, int[] lines, int[] columns, int[] files, int[] flags, int[] sequenceStarts,
              List<SourceFile> sourceFiles) {
        this.codeOffsets = codeOffsets;
        this.lines = lines;
        this.columns = columns;
        this.files = files;
        this.flags = flags;
        this.sequenceStarts = sequenceStarts;
        this.sourceFiles = sourceFiles;
    }

    /** Reads every program of {@code .debug_line}; a damaged program is dropped with a warning, the others kept. */
    static LineTable read(DwarfContext context, UnitIndex units) {
        LineTableBuilder builder = new LineTableBuilder(context);
        Optional<DwarfSection> line = context.sections.find(DwarfSections.LINE);
        if (line.isPresent()) {
            context.countParse();
            if (line.get().length() == 0) {
                context.warnings.add("empty .debug_line section");
            }
            Map<Long, CompileUnit> owners = new HashMap<>();
            for (CompileUnit u : units.units()) {
                owners.putIfAbsent(u.stmtList(), u);
            }
            long offset = 0;
            while (offset < line.get().length()) {
                CompileUnit owner = owners.get(offset);
                SectionReader r = line.get().reader(offset);
                LineProgramHeader header;
                try {
                    header = LineProgramHeader.read(r, owner == null ? null : owner.compDir(), owner, context);
                } catch (DwarfFormatException damaged) {
                    context.warnings.add("line table unreadable from here on: " + damaged.getMessage());
                    break;
                }
                try {
                    LineProgram.run(r, header, builder);
                } catch (DwarfFormatException damaged) {
                    builder.abandonProgram();
                    context.warnings.add("skipped a damaged line program: " + damaged.getMessage());
                }
                offset = header.end();
            }
        }
        return builder.build();
    }

    int size() {
        return codeOffsets.length;
    }

    int codeOffset(int row) {
        return codeOffsets[row];
    }

    int line(int row) {
        return lines[row];
    }

    int column(int row) {
        return columns[row];
    }

    /** Global file id (index into {@link #sourceFiles()}), or -1 when the row names no file of its table. */
    int file(int row) {
        return files[row];
    }

    boolean isStmt(int row) {
        return (flags[row] & IS_STMT) != 0;
    }

    boolean endsSequence(int row) {
        return (flags[row] & END_SEQUENCE) != 0;
    }

    List<SourceFile> sourceFiles() {
        return sourceFiles;
    }

    /** The row in effect at a code offset, or -1 when no sequence covers it. */
    int rowAt(long codeOffset) {
        int lo = 0;
        int hi = codeOffsets.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (codeOffsets[mid] <= codeOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 || endsSequence(found) ? -1 : found;
    }

    /** The first row of the sequence holding a row. */
    int sequenceStart(int row) {
        int lo = 0;
        int hi = sequenceStarts.length - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sequenceStarts[mid] <= row) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return sequenceStarts[found];
    }

    /** The end_sequence row of the sequence holding a row. */
    int sequenceEnd(int row) {
        int r = row;
        while (!endsSequence(r)) {
            r++;
        }
        return r;
    }
}
