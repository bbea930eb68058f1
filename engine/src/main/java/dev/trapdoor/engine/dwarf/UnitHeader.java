package dev.trapdoor.engine.dwarf;

/**
 * A unit header from {@code .debug_info} (versions 2 to 5).
 *
 * @param offset         {@code .debug_info} offset of the header (unit-relative references count from here)
 * @param end            offset just past the unit, where the next one starts
 * @param unitType       the v5 {@code DW_UT_*}; {@code DW_UT_compile} for older versions
 * @param firstDieOffset offset of the unit's root DIE
 */
record UnitHeader(long offset, long end, int version, int unitType, int addressSize, long abbrevOffset,
                  long firstDieOffset) {

    /** Reads the header at the reader's position and narrows the reader to the unit. */
    static UnitHeader read(SectionReader r) {
        long offset = r.pos();
        long length = r.u32();
        if (length >= 0xffff_fff0L) {
            // 0xffffffff announces 64-bit DWARF, which wasm32 producers never emit; the rest are reserved.
            throw r.fail("64-bit or reserved unit length 0x" + Long.toHexString(length));
        }
        long end = r.pos() + length;
        r.limit(end);
        int version = r.u16();
        if (version < 2 || version > 5) {
            throw r.fail("unsupported DWARF version " + version);
        }
        int unitType = DwTag.UT_COMPILE;
        int addressSize;
        long abbrevOffset;
        if (version >= 5) {
            unitType = r.u8();
            addressSize = r.u8();
            abbrevOffset = r.u32();
            switch (unitType) {
                case DwTag.UT_SKELETON, DwTag.UT_SPLIT_COMPILE -> r.skip(8);
                case DwTag.UT_TYPE, DwTag.UT_SPLIT_TYPE -> r.skip(8 + 4);
                default -> {
                }
            }
        } else {
            abbrevOffset = r.u32();
            addressSize = r.u8();
        }
        if (addressSize != 4 && addressSize != 8) {
            throw r.fail("unsupported address size " + addressSize);
        }
        return new UnitHeader(offset, end, version, unitType, addressSize, abbrevOffset, r.pos());
    }
}
