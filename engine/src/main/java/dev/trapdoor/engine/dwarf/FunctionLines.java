package dev.trapdoor.engine.dwarf;

/**
 * Where functions start in the source, from their {@code DW_AT_decl_line}: a breakpoint moved to the next line with
 * code must not land in a function that starts after the requested line (the requested line's own function was
 * dropped by the linker or inlined away, and the next code belongs to someone else).
 */
final class FunctionLines {
    private FunctionLines() {
    }

    /**
     * Whether the innermost function (an inlined copy counts as its function) whose code holds a code offset is
     * declared after {@code line}; false when the DWARF does not say.
     */
    static boolean startsAfter(SourceMap map, long codeOffset, int line) {
        CompileUnit[] unit = new CompileUnit[1];
        Scope scope = map.innermostScope(codeOffset, unit);
        if (scope == null) {
            return false;
        }
        DieTree tree = unit[0].dies();
        DieTree.Node node = tree.at(scope.dieOffset());
        DieTree.Node declared = node == null ? null : SourceVariables.withAttribute(tree, node, DwAt.DECL_LINE);
        if (declared == null) {
            return false;
        }
        AttributeValue declLine = declared.get(DwAt.DECL_LINE);
        return DwForm.isConstant(declLine.form()) && declLine.value() > line;
    }
}
