package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit's variables by scope: each function with code, its lexical blocks and inlined subroutines nested as in
 * the source, each with the variables and parameters declared directly in it; and the unit's file-scope variables.
 * It also records C++'s using-declarations and using-directives ({@code DW_TAG_imported_declaration},
 * {@code DW_TAG_imported_module}) where they appear: in each block (clang puts an inlined or out-of-line copy's in
 * its abstract origin, so a block takes those too) and in each namespace and the unit itself, for
 * {@link UsingLookup}.
 */
final class VariableIndex {
    /** A function, lexical block or inlined subroutine with code, and what it declares. */
    record Block(DieTree.Node node, List<CodeRange> ranges, List<DieTree.Node> variables, List<Block> children,
                 DieTree.Node function, List<DieTree.Node> usings) {
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
    /** The using-declarations and -directives directly in the unit's root and in each namespace. */
    private final Map<DieTree.Node, List<DieTree.Node>> namespaceUsings;

    private VariableIndex(List<Block> functions, List<DieTree.Node> globals,
                          Map<DieTree.Node, List<DieTree.Node>> namespaceUsings) {
        this.functions = functions;
        this.globals = globals;
        this.namespaceUsings = namespaceUsings;
    }

    static VariableIndex build(CompileUnit unit) {
        List<Block> functions = new ArrayList<>();
        List<DieTree.Node> globals = new ArrayList<>();
        Map<DieTree.Node, List<DieTree.Node>> usings = new IdentityHashMap<>();
        DieTree.Node root = unit.dies().root();
        if (root != null) {
            scan(unit, root, functions, globals, usings, 0);
        }
        functions.sort(Comparator.comparingLong(b -> b.ranges().get(0).start()));
        return new VariableIndex(functions, globals, usings);
    }

    static boolean isUsing(DieTree.Node die) {
        return die.tag() == DwTag.IMPORTED_DECLARATION || die.tag() == DwTag.IMPORTED_MODULE;
    }

    /**
     * Finds functions with code and variables at any depth of the unit: in namespaces, in classes, structs, unions
     * and enums (methods defined in the class, Rust's impl blocks), and in functions without code of their own whose
     * local types hold code (lambdas and local classes of an inlined-only function).
     */
    private static void scan(CompileUnit unit, DieTree.Node node, List<Block> functions, List<DieTree.Node> globals,
                             Map<DieTree.Node, List<DieTree.Node>> usings, int depth) {
        if (depth > 64) {
            return;
        }
        for (DieTree.Node child : node.children) {
            switch (child.tag()) {
                case DwTag.IMPORTED_DECLARATION, DwTag.IMPORTED_MODULE -> {
                    if (node.tag() == DwTag.NAMESPACE || node.parent == null) {
                        usings.computeIfAbsent(node, n -> new ArrayList<>()).add(child);
                    }
                }
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
                     DwTag.ENUMERATION_TYPE -> scan(unit, child, functions, globals, usings, depth + 1);
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
                        scan(unit, child, functions, new ArrayList<>(), new IdentityHashMap<>(), depth + 1);
                case DwTag.LEXICAL_BLOCK -> scanTypes(unit, child, functions, globals, depth + 1);
                default -> {
                }
            }
        }
    }

    private static Block block(CompileUnit unit, DieTree.Node node, List<CodeRange> ranges, DieTree.Node function,
                               int depth) {
        Block block = new Block(node, ranges, new ArrayList<>(), new ArrayList<>(), function, new ArrayList<>());
        collect(unit, node, block, function, depth);
        DieTree.Node origin = unit.dies().target(node, DwAt.ABSTRACT_ORIGIN);
        if (origin != null) {
            usingsOf(origin, block.usings());
        }
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
                case DwTag.IMPORTED_DECLARATION, DwTag.IMPORTED_MODULE -> into.usings().add(child);
                case DwTag.LEXICAL_BLOCK, DwTag.INLINED_SUBROUTINE -> {
                    List<CodeRange> ranges = unit.rangesOf(child.die);
                    if (!ranges.isEmpty()) {
                        into.children().add(block(unit, child, ranges, function, depth + 1));
                    } else if (child.tag() == DwTag.LEXICAL_BLOCK && child.get(DwAt.LOW_PC) == null
                            && child.get(DwAt.RANGES) == null) {
                        collect(unit, child, into, function, depth + 1);
                        DieTree.Node origin = unit.dies().target(child, DwAt.ABSTRACT_ORIGIN);
                        if (origin != null) {
                            usingsOf(origin, into.usings());
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * The usings directly in an abstract scope (an abstract instance's blocks have no code, so their nested blocks'
     * usings are the nested copies' own).
     */
    private static void usingsOf(DieTree.Node scope, List<DieTree.Node> into) {
        for (DieTree.Node child : scope.children) {
            if (isUsing(child) && !into.contains(child)) {
                into.add(child);
            }
        }
    }

    /** The using-declarations and -directives directly in a namespace or the unit's root DIE. */
    List<DieTree.Node> namespaceUsings(DieTree.Node scope) {
        return namespaceUsings.getOrDefault(scope, List.of());
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
