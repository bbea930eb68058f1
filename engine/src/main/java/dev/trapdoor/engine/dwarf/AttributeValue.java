package dev.trapdoor.engine.dwarf;

/**
 * One attribute as read, before resolution: strings and addresses that go through an index ({@code strx},
 * {@code addrx}) or another section ({@code strp}) stay raw here, because the bases needed to resolve them are
 * attributes of the unit's root DIE that may come later in that same DIE. {@link CompileUnit} resolves them.
 *
 * @param value  the number the form carries: a constant, offset, index or address; for unit references already the
 *               {@code .debug_info} offset of the target
 * @param string the text of a {@code DW_FORM_string}, else null
 * @param length for block forms ({@code exprloc}, {@code block*}, {@code data16}) the block's length, with
 *               {@code value} the section offset of its first byte (location expressions are read from there);
 *               else 0
 */
record AttributeValue(int form, long value, String string, long length) {
    AttributeValue(int form, long value, String string) {
        this(form, value, string, 0);
    }

    boolean isBlock() {
        return switch (form) {
            case DwForm.EXPRLOC, DwForm.BLOCK, DwForm.BLOCK1, DwForm.BLOCK2, DwForm.BLOCK4, DwForm.DATA16 -> true;
            default -> false;
        };
    }
}
