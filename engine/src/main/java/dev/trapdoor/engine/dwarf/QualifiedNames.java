package dev.trapdoor.engine.dwarf;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Qualified names built from the DIE tree, as C++ and Rust spell them: {@code geo::Rect::area},
 * {@code inventory::inventory::Inventory::add}, {@code util::join}. A definition outside its class or an inlined copy
 * is named through its {@code DW_AT_specification}/{@code DW_AT_abstract_origin} chain: its name is the first name on
 * the chain, and its qualifiers are the enclosing namespaces, classes, structs, unions and enums of the last DIE of
 * the chain (the declaration), up to the unit. C has no such nesting, so its names stay bare.
 */
final class QualifiedNames {
    /** Origins chain (inlined copy → abstract instance → declaration); real chains are 2-3 long. */
    private static final int MAX_ORIGIN_HOPS = 8;
    private static final int MAX_NESTING = 64;

    private QualifiedNames() {
    }

    /** The qualified name of the DIE at an offset of the unit, or null when nothing names it. */
    static String of(CompileUnit unit, long dieOffset) {
        DieTree tree = unit.dies();
        DieTree.Node node = tree.at(dieOffset);
        if (node == null) {
            return null;
        }
        String name = null;
        DieTree.Node declaration = node;
        for (int hop = 0; hop < MAX_ORIGIN_HOPS && node != null; hop++) {
            if (name == null) {
                name = unit.stringOrNull(node.get(DwAt.NAME));
            }
            declaration = node;
            DieTree.Node next = tree.target(node, DwAt.ABSTRACT_ORIGIN);
            node = next != null ? next : tree.target(node, DwAt.SPECIFICATION);
        }
        if (name == null) {
            return null;
        }
        return qualify(unit, declaration.parent, name);
    }

    /** {@code name} prefixed with the names of the scopes enclosing a DIE whose parent is {@code parent}. */
    static String qualify(CompileUnit unit, DieTree.Node parent, String name) {
        Deque<String> parts = new ArrayDeque<>();
        parts.push(name);
        int depth = 0;
        for (DieTree.Node p = parent; p != null && depth < MAX_NESTING; p = p.parent, depth++) {
            if (p.tag() == DwTag.SUBPROGRAM) {
                // A local class or lambda: the function's own qualified name ends the prefix.
                String function = of(unit, p.die.offset());
                if (function != null) {
                    parts.push(function);
                }
                break;
            }
            String scope = scopeName(unit, p);
            if (scope != null) {
                parts.push(scope);
            }
        }
        return String.join("::", parts);
    }

    /** The name a DIE contributes to the names nested in it, or null when it contributes none (the unit, blocks). */
    private static String scopeName(CompileUnit unit, DieTree.Node node) {
        return switch (node.tag()) {
            case DwTag.NAMESPACE -> {
                String n = unit.stringOrNull(node.get(DwAt.NAME));
                yield n == null ? "(anonymous namespace)" : n;
            }
            case DwTag.STRUCTURE_TYPE, DwTag.CLASS_TYPE, DwTag.UNION_TYPE, DwTag.ENUMERATION_TYPE -> {
                String n = unit.stringOrNull(node.get(DwAt.NAME));
                yield n == null ? "(anonymous)" : n;
            }
            default -> null;
        };
    }
}
