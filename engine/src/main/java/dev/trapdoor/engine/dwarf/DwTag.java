package dev.trapdoor.engine.dwarf;

/** The DIE tags that matter for source mapping (DWARF 5, section 7.5.3). */
final class DwTag {
    static final int LEXICAL_BLOCK = 0x0b;
    static final int COMPILE_UNIT = 0x11;
    static final int INLINED_SUBROUTINE = 0x1d;
    static final int SUBPROGRAM = 0x2e;
    static final int PARTIAL_UNIT = 0x3c;
    static final int SKELETON_UNIT = 0x4a;

    /** Unit types of a v5 unit header (section 7.5.1). */
    static final int UT_COMPILE = 0x01;
    static final int UT_TYPE = 0x02;
    static final int UT_PARTIAL = 0x03;
    static final int UT_SKELETON = 0x04;
    static final int UT_SPLIT_COMPILE = 0x05;
    static final int UT_SPLIT_TYPE = 0x06;

    private DwTag() {
    }
}
