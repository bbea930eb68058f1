package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * C++ name lookup of global variables as the code at a position sees them: from the innermost block outwards, a
 * using-declaration there ({@code DW_TAG_imported_declaration}, {@code using config::scale;}), a using-directive
 * there ({@code DW_TAG_imported_module}, {@code using namespace tuning;}), and the enclosing namespaces' own
 * variables; a qualified name ({@code config::limit}) is matched against the globals' qualified names. It picks the
 * right one of several globals with the same name, which a search by name alone cannot. The usings come from the
 * unit's {@link VariableIndex}, which records them per block and per namespace; an inlined or out-of-line copy's
 * enclosing scopes are its abstract origin's (or declaration's), not the blocks around the copy.
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
        return name.contains("::") ? lookup.global(name) : lookup.unqualified(chain, name);
    }

    /** The qualified names of what the usings in effect at a block chain import, innermost scope first. */
    static List<String> usingsInEffect(CompileUnit unit, List<VariableIndex.Block> chain) {
        UsingLookup lookup = new UsingLookup(unit);
        List<String> names = new java.util.ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            VariableIndex.Block block = chain.get(i);
            lookup.describe(block.usings(), names);
            if (block.node().tag() != DwTag.LEXICAL_BLOCK) {
                DieTree.Node declared = lookup.declaredAt(block.node());
                for (DieTree.Node n = declared == null ? null : declared.parent; n != null; n = n.parent) {
                    lookup.describe(unit.variables().namespaceUsings(n), names);
                }
                break;
            }
        }
        return names;
    }

    private void describe(List<DieTree.Node> usings, List<String> into) {
        for (DieTree.Node using : usings) {
            DieTree.Node target = tree.target(using, DwAt.IMPORT);
            if (target != null && ownName(target) != null) {
                into.add(qualifiedName(target));
            }
        }
    }

    private DieTree.Node unqualified(List<VariableIndex.Block> chain, String name) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            VariableIndex.Block block = chain.get(i);
            DieTree.Node found = imported(block.usings(), name);
            if (found != null) {
                return found;
            }
            if (block.node().tag() != DwTag.LEXICAL_BLOCK) {
                // A function or an inlined copy: what encloses it is where it was declared.
                DieTree.Node declared = declaredAt(block.node());
                return enclosing(declared == null ? null : declared.parent, name);
            }
        }
        return null;
    }

    /** Looks in the namespaces from {@code scope} out to the unit: their usings, then their own variables. */
    private DieTree.Node enclosing(DieTree.Node scope, String name) {
        DieTree.Node n = scope;
        for (int depth = 0; n != null && depth < MAX_DEPTH; depth++) {
            if (n.tag() == DwTag.NAMESPACE || n.parent == null) {
                DieTree.Node found = imported(unit.variables().namespaceUsings(n), name);
                if (found == null) {
                    found = global(n.parent == null ? name : qualifiedName(n) + "::" + name);
                }
                if (found != null) {
                    return found;
                }
            }
            n = n.parent;
        }
        return null;
    }

    /** What the using-declarations and using-directives {@code usings} make {@code name} mean. */
    private DieTree.Node imported(List<DieTree.Node> usings, String name) {
        for (DieTree.Node child : usings) {
            DieTree.Node target = tree.target(child, DwAt.IMPORT);
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

    /**
     * For a function or an inlined copy, the DIE whose place in the tree is the source's: through the abstract
     * origin, then a method's declaration in its class.
     */
    private DieTree.Node declaredAt(DieTree.Node n) {
        DieTree.Node d = n;
        for (int i = 0; i < 4; i++) {
            DieTree.Node next = tree.target(d, DwAt.ABSTRACT_ORIGIN);
            if (next == null) {
                next = tree.target(d, DwAt.SPECIFICATION);
            }
            if (next == null) {
                return d;
            }
            d = next;
        }
        return d;
    }

    private String ownName(DieTree.Node die) {
        return unit.stringOrNull(die.get(DwAt.NAME));
    }

    private String qualifiedName(DieTree.Node die) {
        String own = ownName(die);
        return QualifiedNames.qualify(unit, die.parent, own == null ? "(anonymous namespace)" : own);
    }
}
