package dev.trapdoor.engine.dwarf;

/**
 * One abbreviation declaration: the tag and the (attribute, form) list that DIEs using its code follow.
 *
 * @param implicitConsts the value of each {@code DW_FORM_implicit_const} attribute (0 for other forms)
 */
record Abbreviation(long code, int tag, boolean hasChildren, int[] attributes, int[] forms, long[] implicitConsts) {
}
