package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * A line program's header (v2-v5), with its directory and file tables resolved to build paths.
 *
 * @param end          {@code .debug_line} offset just past the program
 * @param programStart offset of the first opcode
 * @param files        resolved paths by file index; v2-v4 number files from 1, so their slot 0 is null
 */
record LineProgramHeader(long offset, long end, int version, int minInstLength, boolean defaultIsStmt, int lineBase,
                         int lineRange, int opcodeBase, int[] standardOpcodeLengths, List<String> directories,
                         List<String> files, long programStart) {

    /**
     * @param compDir the owning unit's DW_AT_comp_dir, which v2-v4 tables leave implicit as directory 0; null when
     *                unknown
     */
    static LineProgramHeader read(SectionReader r, String compDir, CompileUnit unit, DwarfContext context) {
        long offset = r.pos();
        long length = r.u32();
        if (length >= 0xffff_fff0L) {
            throw r.fail("64-bit or reserved line program length");
        }
        long end = r.pos() + length;
        r.limit(end);
        int version = r.u16();
        if (version < 2 || version > 5) {
            throw r.fail("unsupported line table version " + version);
        }
        if (version >= 5) {
            r.u8(); // address_size: DW_LNE_set_address carries its own length, which is what we read by
            r.u8(); // segment_selector_size: no segments on WebAssembly
        }
        long headerLength = r.u32();
        long programStart = r.pos() + headerLength;
        int minInstLength = r.u8();
        if (version >= 4) {
            r.u8(); // maximum_operations_per_instruction: 1 except on VLIW targets, so op_index is not tracked
        }
        boolean defaultIsStmt = r.u8() != 0;
        int lineBase = (byte) r.u8();
        int lineRange = r.u8();
        int opcodeBase = r.u8();
        if (lineRange == 0) {
            throw r.fail("line_range 0");
        }
        if (opcodeBase == 0) {
            throw r.fail("opcode_base 0");
        }
        int[] lengths = new int[opcodeBase];
        for (int op = 1; op < opcodeBase; op++) {
            lengths[op] = r.u8();
        }
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (version >= 5) {
            readV5Tables(r, unit, context, dirs, files);
        } else {
            readV4Tables(r, compDir, dirs, files);
        }
        if (programStart > end) {
            throw r.fail("header length past the program's end");
        }
        return new LineProgramHeader(offset, end, version, minInstLength, defaultIsStmt, lineBase, lineRange,
                opcodeBase, lengths, dirs, files, programStart);
    }

    private static void readV4Tables(SectionReader r, String compDir, List<String> dirs, List<String> files) {
        dirs.add(compDir == null ? "" : compDir);
        while (true) {
            String dir = r.cString();
            if (dir.isEmpty()) {
                break;
            }
            dirs.add(SourcePaths.join(dirs.get(0), dir));
        }
        files.add(null);
        while (true) {
            String name = r.cString();
            if (name.isEmpty()) {
                break;
            }
            files.add(v4File(r, name, dirs));
        }
    }

    /** The rest of a v2-v4 file entry after its name; DW_LNE_define_file uses the same layout. */
    static String v4File(SectionReader r, String name, List<String> dirs) {
        long dirIndex = r.uleb();
        r.uleb(); // modification time
        r.uleb(); // length
        String dir = dirIndex < dirs.size() ? dirs.get((int) dirIndex) : "";
        return SourcePaths.join(dir, name);
    }

    private static void readV5Tables(SectionReader r, CompileUnit unit, DwarfContext context, List<String> dirs,
                                     List<String> files) {
        for (String[] entry : readV5EntryTable(r, unit, context)) {
            // Directory 0 is the compilation directory; later relative entries are relative to it.
            dirs.add(dirs.isEmpty() ? nullToEmpty(entry[0]) : SourcePaths.join(dirs.get(0), nullToEmpty(entry[0])));
        }
        for (String[] entry : readV5EntryTable(r, unit, context)) {
            int dirIndex = entry[1] == null ? 0 : Integer.parseInt(entry[1]);
            String dir = dirIndex >= 0 && dirIndex < dirs.size() ? dirs.get(dirIndex) : "";
            files.add(SourcePaths.join(dir, nullToEmpty(entry[0])));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * A v5 entry-format description and the entries it describes, each as {path, directory index} (other content,
     * such as MD5 sums, is read past).
     */
    private static List<String[]> readV5EntryTable(SectionReader r, CompileUnit unit, DwarfContext context) {
        int formatCount = r.u8();
        int[] contentTypes = new int[formatCount];
        int[] forms = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            contentTypes[i] = r.ulebInt();
            forms[i] = r.ulebInt();
        }
        long count = r.uleb();
        List<String[]> entries = new ArrayList<>();
        for (long e = 0; e < count; e++) {
            String[] entry = new String[2];
            for (int i = 0; i < formatCount; i++) {
                AttributeValue v = FormReader.read(r, forms[i], 0, 0, 4, 5);
                if (contentTypes[i] == DwLine.LNCT_PATH) {
                    entry[0] = stringOf(v, unit, context, r);
                } else if (contentTypes[i] == DwLine.LNCT_DIRECTORY_INDEX) {
                    entry[1] = Long.toString(Math.min(v.value(), Integer.MAX_VALUE));
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    private static String stringOf(AttributeValue v, CompileUnit unit, DwarfContext context, SectionReader r) {
        return switch (v.form()) {
            case DwForm.STRING -> v.string();
            case DwForm.STRP -> context.sections.require(DwarfSections.STR).reader(v.value()).cString();
            case DwForm.LINE_STRP -> context.sections.require(DwarfSections.LINE_STR).reader(v.value()).cString();
            default -> {
                // Indexed strings need the owning unit's DW_AT_str_offsets_base.
                if (unit == null) {
                    throw r.fail("indexed path string in a line table no unit owns");
                }
                yield unit.string(v);
            }
        };
    }
}
