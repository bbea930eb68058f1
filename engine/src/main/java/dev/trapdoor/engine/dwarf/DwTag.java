package dev.trapdoor.engine.dwarf;

/** The DIE tags that matter for source mapping (DWARF 5, section 7.5.3). */
final class DwTag {
    static final int ARRAY_TYPE = 0x01;
    static final int CLASS_TYPE = 0x02;
    static final int ENUMERATION_TYPE = 0x04;
    static final int FORMAL_PARAMETER = 0x05;
    static final int LEXICAL_BLOCK = 0x0b;
    static final int MEMBER = 0x0d;
    static final int POINTER_TYPE = 0x0f;
    static final int REFERENCE_TYPE = 0x10;
    static final int COMPILE_UNIT = 0x11;
    static final int STRUCTURE_TYPE = 0x13;
    static final int SUBROUTINE_TYPE = 0x15;
    static final int TYPEDEF = 0x16;
    static final int UNION_TYPE = 0x17;
    static final int INHERITANCE = 0x1c;
    static final int INLINED_SUBROUTINE = 0x1d;
    static final int SUBRANGE_TYPE = 0x21;
    static final int BASE_TYPE = 0x24;
    static final int CONST_TYPE = 0x26;
    static final int ENUMERATOR = 0x28;
    static final int SUBPROGRAM = 0x2e;
    static final int VARIABLE = 0x34;
    static final int VOLATILE_TYPE = 0x35;
    static final int RESTRICT_TYPE = 0x37;
    static final int UNSPECIFIED_TYPE = 0x3b;
    static final int RVALUE_REFERENCE_TYPE = 0x42;
    static final int ATOMIC_TYPE = 0x47;
    static final int PARTIAL_UNIT = 0x3c;
    static final int NAMESPACE = 0x39;
    static final int IMPORTED_MODULE = 0x3a;
    static final int IMPORTED_DECLARATION = 0x08;
    static final int TEMPLATE_TYPE_PARAMETER = 0x2f;
    static final int VARIANT = 0x19;
    static final int VARIANT_PART = 0x33;
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
