package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the rows of every line program, keeps the sequences of live code, and sorts them into a {@link LineTable}.
 */
final class LineTableBuilder {
    private final DwarfContext context;
    private final List<SourceFile> files = new ArrayList<>();
    private final List<int[][]> sequences = new ArrayList<>();
    /** Global file id of each local file index of the current program. */
    private final List<Integer> localToGlobal = new ArrayList<>();
    private long programOffset;
    private int programSequenceStart;

    // The current sequence, column by column.
    private final IntList addresses = new IntList();
    private final IntList lines = new IntList();
    private final IntList columns = new IntList();
    private final IntList fileIds = new IntList();
    private final IntList flags = new IntList();
    private boolean dead;

    LineTableBuilder(DwarfContext context) {
        this.context = context;
    }

    void beginProgram(LineProgramHeader header) {
        programOffset = header.offset();
        programSequenceStart = sequences.size();
        localToGlobal.clear();
        for (int i = 0; i < header.files().size(); i++) {
            defineFile(header.files().get(i));
        }
        clearSequence();
    }

    void defineFile(String path) {
        if (path == null) {
            localToGlobal.add(-1);
            return;
        }
        localToGlobal.add(files.size());
        files.add(new SourceFile(path, programOffset, localToGlobal.size() - 1));
    }

    void row(long codeOffset, int line, int column, int file, boolean isStmt, boolean endSequence) {
        if (addresses.size() == 0 && !context.code.isCode(codeOffset)) {
            // A sequence starting at a tombstone (0 or -1) describes code the linker dropped.
            dead = true;
        }
        if (dead) {
            if (endSequence) {
                clearSequence();
            }
            return;
        }
        if (!context.code.isCode(codeOffset) || (addresses.size() > 0 && codeOffset < addresses.get(addresses.size() - 1))) {
            throw new DwarfFormatException(DwarfSections.LINE, programOffset,
                    "row address 0x" + Long.toHexString(codeOffset) + " outside the code or going backwards");
        }
        addresses.add((int) codeOffset);
        lines.add(line);
        columns.add(column);
        fileIds.add(file >= 0 && file < localToGlobal.size() ? localToGlobal.get(file) : -1);
        flags.add((isStmt ? LineTable.IS_STMT : 0) | (endSequence ? LineTable.END_SEQUENCE : 0));
        if (endSequence) {
            sequences.add(new int[][] {copy(addresses), copy(lines), copy(columns), copy(fileIds), copy(flags)});
            clearSequence();
        }
    }

    /** A program's unterminated last sequence has no end address, so it cannot be used. */
    void endProgram() {
        clearSequence();
    }

    /** Forgets the sequences of a program that turned out damaged: its rows before the damage may be garbage too. */
    void abandonProgram() {
        while (sequences.size() > programSequenceStart) {
            sequences.remove(sequences.size() - 1);
        }
        clearSequence();
    }

    private void clearSequence() {
        addresses.clear();
        lines.clear();
        columns.clear();
        fileIds.clear();
        flags.clear();
        dead = false;
    }

    private static int[] copy(IntList list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    LineTable build() {
        sequences.sort(Comparator.comparingInt(s -> s[0][0]));
        int total = 0;
        for (int[][] s : sequences) {
            total += s[0].length;
        }
        int[][] columnsOut = new int[5][total];
        int[] sequenceStarts = new int[sequences.size()];
        int at = 0;
        for (int i = 0; i < sequences.size(); i++) {
            int[][] s = sequences.get(i);
            sequenceStarts[i] = at;
            for (int c = 0; c < 5; c++) {
                System.arraycopy(s[c], 0, columnsOut[c], at, s[c].length);
            }
            at += s[0].length;
        }
        return new LineTable(columnsOut[0], columnsOut[1], columnsOut[2], columnsOut[3], columnsOut[4],
                sequenceStarts, List.copyOf(files));
    }
}
