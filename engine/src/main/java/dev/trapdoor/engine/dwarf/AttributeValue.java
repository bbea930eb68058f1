package dev.trapdoor.engine.dwarf;

/**
 * One attribute as read, before resolution: strings and addresses that go through an index ({@code strx},
 * {@code addrx}) or another section ({@code strp}) stay raw here, because the bases needed to resolve them are
 * attributes of the unit's root DIE that may come later in that same DIE. {@link CompileUnit} resolves them.
 *
 * @param value  the number the form carries: a constant, offset, index or address; for unit references already the
 *               {@code .debug_info} offset of the target
 * @param string the text of a {@code DW_FORM_string}, else null
 */
record AttributeValue(int form, long value, String string) {
}
