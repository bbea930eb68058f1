package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/** Reads a DW_AT_ranges list: {@code .debug_ranges} (v2-v4) or {@code .debug_rnglists} (v5). */
final class RangeLists {
    private static final int RLE_END_OF_LIST = 0x00;
    private static final int RLE_BASE_ADDRESSX = 0x01;
    private static final int RLE_STARTX_ENDX = 0x02;
    private static final int RLE_STARTX_LENGTH = 0x03;
    private static final int RLE_OFFSET_PAIR = 0x04;
    private static final int RLE_BASE_ADDRESS = 0x05;
    private static final int RLE_START_END = 0x06;
    private static final int RLE_START_LENGTH = 0x07;

    private RangeLists() {
    }

    static List<CodeRange> read(CompileUnit unit, AttributeValue attribute) {
        if (unit.header.version() < 5) {
            return readV4(unit, attribute.value());
        }
        DwarfSection rnglists = unit.context.sections.require(DwarfSections.RNGLISTS);
        long offset = attribute.value();
        if (attribute.form() == DwForm.RNGLISTX) {
            // The offset table entries are relative to the base, which points just past the list header.
            offset = unit.rnglistsBase() + rnglists.reader(unit.rnglistsBase() + attribute.value() * 4).u32();
        }
        return readV5(unit, rnglists.reader(offset));
    }

    private static List<CodeRange> readV4(CompileUnit unit, long offset) {
        int size = unit.header.addressSize();
        long baseSelector = size == 4 ? 0xffff_ffffL : -1L;
        SectionReader r = unit.context.sections.require(DwarfSections.RANGES).reader(offset);
        long base = unit.baseAddress();
        List<CodeRange> ranges = new ArrayList<>();
        while (true) {
            long start = r.unsigned(size);
            long end = r.unsigned(size);
            if (start == 0 && end == 0) {
                return ranges;
            }
            if (start == baseSelector) {
                base = end;
            } else {
                ranges.add(new CodeRange(base + start, base + end));
            }
        }
    }

    private static List<CodeRange> readV5(CompileUnit unit, SectionReader r) {
        int size = unit.header.addressSize();
        long base = unit.baseAddress();
        List<CodeRange> ranges = new ArrayList<>();
        while (true) {
            int kind = r.u8();
            switch (kind) {
                case RLE_END_OF_LIST -> {
                    return ranges;
                }
                case RLE_BASE_ADDRESSX -> base = unit.indexedAddress(r.uleb());
                case RLE_STARTX_ENDX -> {
                    long start = unit.indexedAddress(r.uleb());
                    ranges.add(new CodeRange(start, unit.indexedAddress(r.uleb())));
                }
                case RLE_STARTX_LENGTH -> {
                    long start = unit.indexedAddress(r.uleb());
                    ranges.add(new CodeRange(start, start + r.uleb()));
                }
                case RLE_OFFSET_PAIR -> {
                    long start = base + r.uleb();
                    ranges.add(new CodeRange(start, base + r.uleb()));
                }
                case RLE_BASE_ADDRESS -> base = r.unsigned(size);
                case RLE_START_END -> {
                    long start = r.unsigned(size);
                    ranges.add(new CodeRange(start, r.unsigned(size)));
                }
                case RLE_START_LENGTH -> {
                    long start = r.unsigned(size);
                    ranges.add(new CodeRange(start, start + r.uleb()));
                }
                default -> throw r.fail("unknown range list entry kind " + kind);
            }
        }
    }
}
