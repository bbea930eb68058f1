package dev.trapdoor.engine.dwarf;

/**
 * Finds the entry of a location list that covers a pc: {@code .debug_loc} (DWARF 2-4) or {@code .debug_loclists}
 * (DWARF 5). Optimized code describes a variable by such lists, one expression per range of code where it lives in
 * one place; outside all ranges the variable has no value.
 */
final class LocationLists {
    private static final int LLE_END_OF_LIST = 0x00;
    private static final int LLE_BASE_ADDRESSX = 0x01;
    private static final int LLE_STARTX_ENDX = 0x02;
    private static final int LLE_STARTX_LENGTH = 0x03;
    private static final int LLE_OFFSET_PAIR = 0x04;
    private static final int LLE_DEFAULT_LOCATION = 0x05;
    private static final int LLE_BASE_ADDRESS = 0x06;
    private static final int LLE_START_END = 0x07;
    private static final int LLE_START_LENGTH = 0x08;
    /** Guards against a damaged list that never ends within its section. */
    private static final int MAX_ENTRIES = 100_000;

    /** An expression's bytes: {@code length} bytes at {@code offset} of {@code section}. */
    record Expression(DwarfSection section, long offset, long length) {
    }

    private LocationLists() {
    }

    /** Whether a DW_AT_location value is a location list rather than an expression. */
    static boolean isList(AttributeValue location) {
        return location.form() == DwForm.SEC_OFFSET || location.form() == DwForm.LOCLISTX
                || location.form() == DwForm.DATA4 || location.form() == DwForm.DATA8;
    }

    /** The expression in effect at a code offset, or null when the list has none there. */
    static Expression find(CompileUnit unit, AttributeValue location, long pc) {
        if (unit.header.version() < 5) {
            return findV4(unit, location.value(), pc);
        }
        DwarfSection lists = unit.context.sections.require(DwarfSections.LOCLISTS);
        long offset = location.value();
        if (location.form() == DwForm.LOCLISTX) {
            // Offsets in the table are relative to the base, which points just past the list header.
            offset = unit.loclistsBase() + lists.reader(unit.loclistsBase() + location.value() * 4).u32();
        }
        return findV5(unit, lists, offset, pc);
    }

    private static Expression findV4(CompileUnit unit, long offset, long pc) {
        DwarfSection loc = unit.context.sections.require(DwarfSections.LOC);
        SectionReader r = loc.reader(offset);
        int size = unit.header.addressSize();
        long baseSelector = size == 4 ? 0xffff_ffffL : -1L;
        long base = unit.baseAddress();
        for (int i = 0; i < MAX_ENTRIES; i++) {
            long start = r.unsigned(size);
            long end = r.unsigned(size);
            if (start == 0 && end == 0) {
                return null;
            }
            if (start == baseSelector) {
                base = end;
                continue;
            }
            int length = r.u16();
            if (pc >= base + start && pc < base + end) {
                return new Expression(loc, r.pos(), length);
            }
            r.skip(length);
        }
        throw r.fail("location list does not end");
    }

    private static Expression findV5(CompileUnit unit, DwarfSection lists, long offset, long pc) {
        SectionReader r = lists.reader(offset);
        int size = unit.header.addressSize();
        long base = unit.baseAddress();
        Expression fallback = null;
        for (int i = 0; i < MAX_ENTRIES; i++) {
            int kind = r.u8();
            long start;
            long end;
            switch (kind) {
                case LLE_END_OF_LIST -> {
                    return fallback;
                }
                case LLE_BASE_ADDRESSX -> {
                    base = unit.indexedAddress(r.uleb());
                    continue;
                }
                case LLE_BASE_ADDRESS -> {
                    base = r.unsigned(size);
                    continue;
                }
                case LLE_STARTX_ENDX -> {
                    start = unit.indexedAddress(r.uleb());
                    end = unit.indexedAddress(r.uleb());
                }
                case LLE_STARTX_LENGTH -> {
                    start = unit.indexedAddress(r.uleb());
                    end = start + r.uleb();
                }
                case LLE_OFFSET_PAIR -> {
                    start = base + r.uleb();
                    end = base + r.uleb();
                }
                case LLE_DEFAULT_LOCATION -> {
                    start = 0;
                    end = 0;
                }
                case LLE_START_END -> {
                    start = r.unsigned(size);
                    end = r.unsigned(size);
                }
                case LLE_START_LENGTH -> {
                    start = r.unsigned(size);
                    end = start + r.uleb();
                }
                default -> throw r.fail("unknown location list entry kind " + kind);
            }
            long length = r.uleb();
            Expression here = new Expression(lists, r.pos(), length);
            r.skip(length);
            if (kind == LLE_DEFAULT_LOCATION) {
                fallback = here;
            } else if (pc >= start && pc < end) {
                return here;
            }
        }
        throw r.fail("location list does not end");
    }
}
