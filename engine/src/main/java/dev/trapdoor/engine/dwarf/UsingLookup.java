package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * C++ name lookup of global variables as the code at a position sees them: from the innermost block outwards, a
 * using-declaration there ({@code DW_TAG_imported_declaration}, {@code using config::scale;}), a using-directive
 * there ({@code DW_TAG_imported_module}, {@code using namespace tuning;}), and the enclosing namespaces' own
 * variables; a qualified name ({@code config::limit}) is matched against the globals' qualified names. It picks the
 * right one of several globals with the same name, which a search by name alone cannot.
 */
final class UsingLookup {
    private static final int MAX_DEPTH = 64;

    private final CompileUnit unit;
    private final DieTree tree;

    private UsingLookup(CompileUnit unit) {
        this.unit = unit;
        this.tree = unit.dies();
    }

    /** The definition of the global variable {@code name} means at code offset {@code pc} of the unit, or null. */
    static DieTree.Node find(CompileUnit unit, long pc, String name) {
        List<VariableIndex.Block> chain = unit.variables().chainAt(pc);
        if (chain.isEmpty() || unit.isC()) {
            return null;
        }
        UsingLookup lookup = new UsingLookup(unit);
        return name.contains("::") ? lookup.global(name) : lookup.unqualified(chain.get(chain.size() - 1).node(), name);
    }

    private DieTree.Node unqualified(DieTree.Node innermost, String name) {
        DieTree.Node n = innermost;
        for (int depth = 0; n != null && depth < MAX_DEPTH; depth++) {
            DieTree.Node origin = origin(n);
            for (DieTree.Node scope : origin == null ? List.of(n) : List.of(n, origin)) {
                DieTree.Node found = imported(scope, name);
                if (found != null) {
                    return found;
                }
            }
            if (n.tag() == DwTag.NAMESPACE || n.parent == null) {
                DieTree.Node own = global(n.parent == null ? name : qualifiedName(n) + "::" + name);
                if (own != null) {
                    return own;
                }
            }
            n = up(origin == null ? n : origin);
        }
        return null;
    }

    /** What the using-declarations and using-directives directly in {@code scope} make {@code name} mean. */
    private DieTree.Node imported(DieTree.Node scope, String name) {
        for (DieTree.Node child : scope.children) {
            DieTree.Node target = child.tag() == DwTag.IMPORTED_DECLARATION || child.tag() == DwTag.IMPORTED_MODULE
                    ? tree.target(child, DwAt.IMPORT) : null;
            if (target == null) {
                continue;
            }
            if (target.tag() == DwTag.VARIABLE && name.equals(ownName(target))) {
                DieTree.Node definition = global(qualifiedName(target));
                if (definition != null) {
                    return definition;
                }
            } else if (target.tag() == DwTag.NAMESPACE) {
                DieTree.Node found = global(qualifiedName(target) + "::" + name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The unit's global variable definition with this qualified name, or null. */
    private DieTree.Node global(String qualified) {
        String last = qualified.substring(qualified.lastIndexOf(':') + 1);
        for (DieTree.Node g : unit.variables().globals()) {
            DieTree.Node declared = declaration(g);
            if (last.equals(ownName(declared)) && qualified.equals(qualifiedName(declared))) {
                return g;
            }
        }
        return null;
    }

    /** A definition's declaration (a static member's in its class), or the DIE itself. */
    private DieTree.Node declaration(DieTree.Node die) {
        DieTree.Node spec = tree.target(die, DwAt.SPECIFICATION);
        return spec != null ? spec : die;
    }

    /** For an inlined copy or an out-of-line definition: the DIE whose place in the tree is the source's. */
    private DieTree.Node origin(DieTree.Node n) {
        DieTree.Node o = tree.target(n, DwAt.ABSTRACT_ORIGIN);
        return o != null ? o : n.tag() == DwTag.SUBPROGRAM ? tree.target(n, DwAt.SPECIFICATION) : null;
    }

    private static DieTree.Node up(DieTree.Node n) {
        return n.parent;
    }

    private String ownName(DieTree.Node die) {
        return unit.stringOrNull(die.get(DwAt.NAME));
    }

    private String qualifiedName(DieTree.Node die) {
        String own = ownName(die);
        return QualifiedNames.qualify(unit, die.parent, own == null ? "(anonymous namespace)" : own);
    }
}
