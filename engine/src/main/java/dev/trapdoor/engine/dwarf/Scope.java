package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * A subprogram or inlined subroutine with code: one frame, real or virtual, of an inlined chain. Lexical blocks are
 * not scopes; their inlined subroutines belong to the enclosing scope.
 *
 * @param callFile line-table file index of the call site (inlined subroutines only), else -1
 */
record Scope(long dieOffset, int tag, List<CodeRange> ranges, int callFile, int callLine, int callColumn,
             List<Scope> children) {
    Scope(long dieOffset, int tag, List<CodeRange> ranges, int callFile, int callLine, int callColumn) {
        this(dieOffset, tag, ranges, callFile, callLine, callColumn, new ArrayList<>());
    }

    boolean contains(long codeOffset) {
        for (CodeRange r : ranges) {
            if (r.contains(codeOffset)) {
                return true;
            }
        }
        return false;
    }

    boolean inlined() {
        return tag == DwTag.INLINED_SUBROUTINE;
    }
}
