package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the scopes visible at a pc (innermost first: blocks, inlined functions, the real function) into the source
 * frames the stack trace shows there. Frame {@code d} owns the scopes after the {@code d}-th function scope up to and
 * including the next one, the same nesting {@code SourceMap.inlinedChain} walks, so a virtual frame for an inlined
 * function shows that function's variables and its caller's frame shows the caller's.
 */
final class InlineScopes {
    private InlineScopes() {
    }

    /** The scopes of source frame {@code depth}, innermost block first; empty past the outermost. */
    static List<VariableScope> of(List<VariableScope> all, int depth) {
        List<VariableScope> out = new ArrayList<>();
        int frame = 0;
        for (VariableScope s : all) {
            if (frame == depth) {
                out.add(s);
            }
            if (s.kind() != VariableScope.Kind.BLOCK) {
                frame++;
            }
        }
        return out;
    }

    /** The scopes at this pc that belong to the other source frames there (inlined into it, or its callers). */
    static List<VariableScope> others(List<VariableScope> all, int depth) {
        List<VariableScope> mine = of(all, depth);
        List<VariableScope> out = new ArrayList<>(all);
        out.removeAll(mine);
        return out;
    }

    /** The first variable of that name, in scope order (so the innermost declaration wins, as in C). */
    static Variable find(List<VariableScope> scopes, String name) {
        for (VariableScope s : scopes) {
            for (Variable v : s.variables()) {
                if (v.name().equals(name)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** The name of the function whose scopes these are (the last function scope), for messages. */
    static String functionOf(List<VariableScope> scopes) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i).kind() != VariableScope.Kind.BLOCK) {
                return scopes.get(i).name();
            }
        }
        return "??";
    }
}
