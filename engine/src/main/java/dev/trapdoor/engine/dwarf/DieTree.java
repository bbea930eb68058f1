package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All DIEs of one unit with their parent and children, by offset. Variables and types need random access (a
 * variable's type is a reference to any DIE of the unit, types refer to each other in cycles) and their children
 * (members, enumerators, subranges), which a single forward pass like {@link ScopeTree}'s cannot give. Damage ends the
 * tree where it happens, keeping what was read before.
 */
final class DieTree {
    /** One DIE and its place in the tree. */
    static final class Node {
        final Die die;
        final Node parent;
        final List<Node> children = new ArrayList<>();

        Node(Die die, Node parent) {
            this.die = die;
            this.parent = parent;
        }

        int tag() {
            return die.tag();
        }

        AttributeValue get(int attribute) {
            return die.get(attribute);
        }
    }

    private final Map<Long, Node> byOffset;
    private final Node root;

    private DieTree(Map<Long, Node> byOffset, Node root) {
        this.byOffset = byOffset;
        this.root = root;
    }

    static DieTree read(CompileUnit unit) {
        Map<Long, Node> byOffset = new HashMap<>();
        SectionReader r = unit.context.sections.require(DwarfSections.INFO).reader(unit.header.firstDieOffset());
        r.limit(unit.header.end());
        Node root = null;
        try {
            Die first = Die.read(r, unit.abbreviations, unit.header);
            if (first == null) {
                return new DieTree(byOffset, null);
            }
            root = new Node(first, null);
            byOffset.put(first.offset(), root);
            Node open = first.hasChildren() ? root : null;
            while (open != null && !r.atEnd()) {
                Die die = Die.read(r, unit.abbreviations, unit.header);
                if (die == null) {
                    open = open.parent;
                    continue;
                }
                Node node = new Node(die, open);
                open.children.add(node);
                byOffset.put(die.offset(), node);
                if (die.hasChildren()) {
                    open = node;
                }
            }
        } catch (DwarfFormatException damaged) {
            unit.context.warnings.add("variables and types of a unit cut short: " + damaged.getMessage());
        }
        return new DieTree(byOffset, root);
    }

    /** The unit's root DIE, or null when the unit has none. */
    Node root() {
        return root;
    }

    /** The DIE at a {@code .debug_info} offset, or null when the unit has none there (damage, or another unit). */
    Node at(long offset) {
        return byOffset.get(offset);
    }

    /** The DIE an attribute refers to (a unit reference), or null. */
    Node target(Node from, int attribute) {
        AttributeValue v = from.get(attribute);
        return v != null && DwForm.isUnitReference(v.form()) ? at(v.value()) : null;
    }
}
