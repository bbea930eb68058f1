package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One unit's variables by scope: each function with code, its lexical blocks and inlined subroutines nested as in
 * the source, each with the variables and parameters declared directly in it; and the unit's file-scope variables.
 */
final class VariableIndex {
    /** A function, lexical block or inlined subroutine with code, and what it declares. */
    record Block(DieTree.Node node, List<CodeRange> ranges, List<DieTree.Node> variables, List<Block> children,
                 DieTree.Node function) {
        boolean contains(long pc) {
            for (CodeRange r : ranges) {
                if (r.contains(pc)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Block> functions;
    private final List<DieTree.Node> globals;

    private VariableIndex(List<Block> functions, List<DieTree.Node> globals) {
        this.functions = functions;
        this.globals = globals;
    }

    static VariableIndex build(CompileUnit unit) {
        List<Block> functions = new ArrayList<>();
        List<DieTree.Node> globals = new ArrayList<>();
        DieTree.Node root = unit.dies().root();
        if (root != null) {
            scan(unit, root, functions, globals, 0);
        }
        functions.sort(Comparator.comparingLong(b -> b.ranges().get(0).start()));
        return new VariableIndex(functions, globals);
    }

    /**
     * Finds functions with code and variables at any depth of the unit: in namespaces, in classes, structs, unions
     * and enums (methods defined in the class, Rust's impl blocks), and in functions without code of their own whose
     * local types hold code (lambdas and local classes of an inlined-only function).
     */
    private static void scan(CompileUnit unit, DieTree.Node node, List<Block> functions, List<DieTree.Node> globals,
                             int depth) {
        if (depth > 64) {
            return;
        }
        for (DieTree.Node child : node.children) {
            switch (child.tag()) {
                case DwTag.VARIABLE -> {
                    if (child.get(DwAt.DECLARATION) == null) {
                        globals.add(child);
                    }
                }
                case DwTag.SUBPROGRAM -> {
                    List<CodeRange> ranges = unit.rangesOf(child.die);
                    if (!ranges.isEmpty()) {
                        functions.add(block(unit, child, ranges, child, 0));
                    }
                    scanTypes(unit, child, functions, globals, depth + 1);
                }
                case DwTag.NAMESPACE, DwTag.STRUCTURE_TYPE, DwTag.CLASS_TYPE, DwTag.UNION_TYPE,
                     DwTag.ENUMERATION_TYPE -> scan(unit, child, functions, globals, depth + 1);
                default -> {
                }
            }
        }
    }

    /** Types declared inside a function (and its blocks) may hold functions with code: lambdas, local classes. */
    private static void scanTypes(CompileUnit unit, DieTree.Node node, List<Block> functions,
                                  List<DieTree.Node> globals, int depth) {
        if (depth > 64) {
            return;
        }
        for (DieTree.Node child : node.children) {
            switch (child.tag()) {
                case DwTag.STRUCTURE_TYPE, DwTag.CLASS_TYPE, DwTag.UNION_TYPE ->
                        scan(unit, child, functions, new ArrayList<>(), depth + 1);
                case DwTag.LEXICAL_BLOCK -> scanTypes(unit, child, functions, globals, depth + 1);
                default -> {
                }
            }
        }
    }

    private static Block block(CompileUnit unit, DieTree.Node node, List<CodeRange> ranges, DieTree.Node function,
                               int depth) {
        Block block = new Block(node, ranges, new ArrayList<>(), new ArrayList<>(), function);
        collect(unit, node, block, function, depth);
        return block;
    }

    /** Adds a DIE's variables and nested scopes to a block; rangeless lexical blocks are looked through. */
    private static void collect(CompileUnit unit, DieTree.Node node, Block into, DieTree.Node function, int depth) {
        if (depth > 64) {
            return;
        }
        for (DieTree.Node child : node.children) {
            switch (child.tag()) {
                case DwTag.FORMAL_PARAMETER, DwTag.VARIABLE -> into.variables().add(child);
                case DwTag.LEXICAL_BLOCK, DwTag.INLINED_SUBROUTINE -> {
                    List<CodeRange> ranges = unit.rangesOf(child.die);
                    if (!ranges.isEmpty()) {
                        into.children().add(block(unit, child, ranges, function, depth + 1));
                    } else if (child.tag() == DwTag.LEXICAL_BLOCK && child.get(DwAt.LOW_PC) == null
                            && child.get(DwAt.RANGES) == null) {
                        collect(unit, child, into, function, depth + 1);
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The blocks containing a code offset, outermost (the function) first; empty when no function does. */
    List<Block> chainAt(long pc) {
        List<Block> chain = new ArrayList<>();
        for (Block f : functions) {
            if (f.contains(pc)) {
                Block current = f;
                while (current != null) {
                    chain.add(current);
                    Block next = null;
                    for (Block child : current.children()) {
                        if (child.contains(pc)) {
                            next = child;
                            break;
                        }
                    }
                    current = next;
                }
                return chain;
            }
        }
        return chain;
    }

    List<DieTree.Node> globals() {
        return globals;
    }
}
