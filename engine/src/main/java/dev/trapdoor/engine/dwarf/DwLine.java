package dev.trapdoor.engine.dwarf;

/** Line-number program opcodes and v5 entry content types (DWARF 5, sections 6.2.5 and 7.22). */
final class DwLine {
    static final int LNS_COPY = 0x01;
    static final int LNS_ADVANCE_PC = 0x02;
    static final int LNS_ADVANCE_LINE = 0x03;
    static final int LNS_SET_FILE = 0x04;
    static final int LNS_SET_COLUMN = 0x05;
    static final int LNS_NEGATE_STMT = 0x06;
    static final int LNS_SET_BASIC_BLOCK = 0x07;
    static final int LNS_CONST_ADD_PC = 0x08;
    static final int LNS_FIXED_ADVANCE_PC = 0x09;
    static final int LNS_SET_PROLOGUE_END = 0x0a;
    static final int LNS_SET_EPILOGUE_BEGIN = 0x0b;
    static final int LNS_SET_ISA = 0x0c;

    static final int LNE_END_SEQUENCE = 0x01;
    static final int LNE_SET_ADDRESS = 0x02;
    static final int LNE_DEFINE_FILE = 0x03;
    static final int LNE_SET_DISCRIMINATOR = 0x04;

    static final int LNCT_PATH = 0x1;
    static final int LNCT_DIRECTORY_INDEX = 0x2;

    private DwLine() {
    }
}
