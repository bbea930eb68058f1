package dev.trapdoor.engine.dwarf;

/**
 * Reads one attribute value of any form clang or GCC emits. A form whose size is unknown cannot be read past, so it
 * ends the unit with a {@link DwarfFormatException}.
 */
final class FormReader {
    /** DWARF32 only: WebAssembly's DWARF is 32-bit, and {@link UnitHeader} rejects the 64-bit format. */
    private static final int OFFSET_SIZE = 4;

    private FormReader() {
    }

    /**
     * @param unitOffset    {@code .debug_info} offset of the unit, to make unit-relative references absolute
     * @param addressSize   the unit's address size
     * @param version       the unit's version ({@code DW_FORM_ref_addr} was address-sized in v2)
     */
    static AttributeValue read(SectionReader r, int form, long implicitConst, long unitOffset, int addressSize,
                               int version) {
        return switch (form) {
            case DwForm.ADDR -> number(form, r.unsigned(addressSize));
            case DwForm.DATA1, DwForm.REF1, DwForm.FLAG, DwForm.STRX1, DwForm.ADDRX1 -> ref(form, r.u8(), unitOffset);
            case DwForm.DATA2, DwForm.REF2, DwForm.STRX2, DwForm.ADDRX2 -> ref(form, r.u16(), unitOffset);
            case DwForm.STRX3, DwForm.ADDRX3 -> number(form, r.u8() | (long) r.u16() << 8);
            case DwForm.DATA4, DwForm.REF4, DwForm.STRX4, DwForm.ADDRX4, DwForm.REF_SUP4 -> ref(form, r.u32(), unitOffset);
            case DwForm.DATA8, DwForm.REF8, DwForm.REF_SIG8, DwForm.REF_SUP8 -> ref(form, r.u64(), unitOffset);
            case DwForm.DATA16 -> skip(r, form, 16);
            case DwForm.UDATA, DwForm.STRX, DwForm.ADDRX, DwForm.LOCLISTX, DwForm.RNGLISTX,
                 DwForm.GNU_ADDR_INDEX, DwForm.GNU_STR_INDEX -> number(form, r.uleb());
            case DwForm.REF_UDATA -> ref(form, r.uleb(), unitOffset);
            case DwForm.SDATA -> number(form, r.sleb());
            case DwForm.STRING -> new AttributeValue(form, 0, r.cString());
            case DwForm.STRP, DwForm.LINE_STRP, DwForm.SEC_OFFSET, DwForm.STRP_SUP, DwForm.GNU_REF_ALT,
                 DwForm.GNU_STRP_ALT -> number(form, r.unsigned(OFFSET_SIZE));
            case DwForm.REF_ADDR -> number(form, r.unsigned(version <= 2 ? addressSize : OFFSET_SIZE));
            case DwForm.EXPRLOC, DwForm.BLOCK -> skip(r, form, r.uleb());
            case DwForm.BLOCK1 -> skip(r, form, r.u8());
            case DwForm.BLOCK2 -> skip(r, form, r.u16());
            case DwForm.BLOCK4 -> skip(r, form, r.u32());
            case DwForm.FLAG_PRESENT -> number(form, 1);
            case DwForm.IMPLICIT_CONST -> number(form, implicitConst);
            case DwForm.INDIRECT -> {
                int actual = r.ulebInt();
                if (actual == DwForm.INDIRECT || actual == DwForm.IMPLICIT_CONST) {
                    throw r.fail("indirect form names form 0x" + Integer.toHexString(actual));
                }
                yield read(r, actual, 0, unitOffset, addressSize, version);
            }
            default -> throw r.fail("unknown attribute form 0x" + Integer.toHexString(form));
        };
    }

    private static AttributeValue number(int form, long value) {
        return new AttributeValue(form, value, null);
    }

    /** Unit-relative reference forms become absolute here; the other forms sharing a size pass through. */
    private static AttributeValue ref(int form, long value, long unitOffset) {
        boolean unitRelative = switch (form) {
            case DwForm.REF1, DwForm.REF2, DwForm.REF4, DwForm.REF8, DwForm.REF_UDATA -> true;
            default -> false;
        };
        return number(form, unitRelative ? unitOffset + value : value);
    }

    /** Steps over a block, remembering where it is: location expressions and constant blocks are read later. */
    private static AttributeValue skip(SectionReader r, int form, long length) {
        long start = r.pos();
        r.skip(length);
        return new AttributeValue(form, start, null, length);
    }
}
