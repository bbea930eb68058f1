package dev.trapdoor.engine.dwarf;

/**
 * A file of some line program's file table.
 *
 * @param path          the resolved build-machine path (compilation directory + directory + name), normalized
 * @param programOffset {@code .debug_line} offset of the line program whose table holds it
 * @param index         its index in that table, as the program's rows and DW_AT_call_file name it
 */
record SourceFile(String path, long programOffset, int index) {
}
