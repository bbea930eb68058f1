package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit's subprograms and inlined subroutines as a tree, plus what is needed to name them. Built in one pass over
 * the unit's DIEs; names are resolved on demand because they go through abstract origins and specifications.
 */
final class ScopeTree {
    /** Origins chain (inlined copy → abstract instance → declaration); real chains are 2-3 long, loops are damage. */
    private static final int MAX_ORIGIN_HOPS = 8;

    private final CompileUnit unit;
    /** Top-level scopes' ranges sorted by start, for binary search; these do not overlap in valid DWARF. */
    private final List<Entry> topLevel;
    /** Naming attributes of every DIE that has any, by DIE offset. */
    private final Map<Long, Naming> naming;

    private record Entry(CodeRange range, Scope scope) {
    }

    private record Naming(AttributeValue name, AttributeValue linkageName, long origin) {
    }

    private ScopeTree(CompileUnit unit, List<Entry> topLevel, Map<Long, Naming> naming) {
        this.unit = unit;
        this.topLevel = topLevel;
        this.naming = naming;
    }

    static ScopeTree read(CompileUnit unit) {
        SectionReader r = unit.context.sections.require(DwarfSections.INFO).reader(unit.header.firstDieOffset());
        r.limit(unit.header.end());
        List<Entry> topLevel = new ArrayList<>();
        Map<Long, Naming> naming = new HashMap<>();
        // The enclosing scope of each open list of children (null entries: no scope yet, e.g. the root's children).
        List<Scope> open = new ArrayList<>();
        Die root = Die.read(r, unit.abbreviations, unit.header);
        if (root == null || !root.hasChildren()) {
            return new ScopeTree(unit, topLevel, naming);
        }
        open.add(null);
        while (!open.isEmpty() && !r.atEnd()) {
            Die die = Die.read(r, unit.abbreviations, unit.header);
            if (die == null) {
                open.remove(open.size() - 1);
                continue;
            }
            recordNaming(die, naming);
            Scope parent = open.get(open.size() - 1);
            Scope scope = null;
            int tag = die.tag();
            if (tag == DwTag.SUBPROGRAM || tag == DwTag.INLINED_SUBROUTINE) {
                List<CodeRange> ranges = unit.rangesOf(die);
                if (!ranges.isEmpty()) {
                    scope = new Scope(die.offset(), tag, ranges, intOr(die.get(DwAt.CALL_FILE), -1),
                            intOr(die.get(DwAt.CALL_LINE), 0), intOr(die.get(DwAt.CALL_COLUMN), 0));
                    if (parent == null) {
                        for (CodeRange range : ranges) {
                            topLevel.add(new Entry(range, scope));
                        }
                    } else {
                        parent.children().add(scope);
                    }
                }
            }
            if (die.hasChildren()) {
                open.add(scope != null ? scope : parent);
            }
        }
        topLevel.sort(Comparator.comparingLong(e -> e.range().start()));
        return new ScopeTree(unit, topLevel, naming);
    }

    private static int intOr(AttributeValue v, int otherwise) {
        return v == null ? otherwise : (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, v.value()));
    }

    private static void recordNaming(Die die, Map<Long, Naming> naming) {
        AttributeValue name = die.get(DwAt.NAME);
        AttributeValue linkage = die.get(DwAt.LINKAGE_NAME);
        if (linkage == null) {
            linkage = die.get(DwAt.MIPS_LINKAGE_NAME);
        }
        AttributeValue origin = die.get(DwAt.ABSTRACT_ORIGIN);
        if (origin == null) {
            origin = die.get(DwAt.SPECIFICATION);
        }
        long originOffset = origin != null && DwForm.isUnitReference(origin.form()) ? origin.value() : -1;
        if (name != null || linkage != null || originOffset >= 0) {
            naming.put(die.offset(), new Naming(name, linkage, originOffset));
        }
    }

    /** The scopes containing a code offset, outermost (the real function) first; empty when none does. */
    List<Scope> chainAt(long codeOffset) {
        int lo = 0;
        int hi = topLevel.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (topLevel.get(mid).range().start() <= codeOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        List<Scope> chain = new ArrayList<>();
        if (found < 0 || !topLevel.get(found).range().contains(codeOffset)) {
            return chain;
        }
        Scope current = topLevel.get(found).scope();
        while (current != null) {
            chain.add(current);
            Scope next = null;
            for (Scope child : current.children()) {
                if (child.contains(codeOffset)) {
                    next = child;
                    break;
                }
            }
            current = next;
        }
        return chain;
    }

    /**
     * The source name of a DIE: its DW_AT_name, else its linkage name, else those of its abstract origin or
     * specification. Null when nothing names it.
     */
    String nameOf(long dieOffset) {
        long offset = dieOffset;
        String linkage = null;
        for (int hop = 0; hop < MAX_ORIGIN_HOPS && offset >= 0; hop++) {
            Naming n = naming.get(offset);
            if (n == null) {
                break;
            }
            if (n.name() != null) {
                return unit.string(n.name());
            }
            if (linkage == null && n.linkageName() != null) {
                linkage = unit.string(n.linkageName());
            }
            offset = n.origin();
        }
        return linkage;
    }
}
