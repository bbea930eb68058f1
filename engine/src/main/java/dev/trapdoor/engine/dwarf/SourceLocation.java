package dev.trapdoor.engine.dwarf;

/**
 * Where in the source a byte of code comes from: the line-table row in effect there.
 *
 * @param file   the source path after {@link PathMapping} (the build path when no rule applies)
 * @param line   1-based; 0 means the compiler attributed the code to no line (e.g. shared epilogues)
 * @param column 1-based; 0 when unknown
 * @param isStmt whether the row is a recommended breakpoint location (the start of a statement)
 */
public record SourceLocation(String file, int line, int column, boolean isStmt) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
