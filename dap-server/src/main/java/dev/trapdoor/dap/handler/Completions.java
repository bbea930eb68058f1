package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.dap.source.FrameAt;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import org.eclipse.lsp4j.debug.Variable;

import java.util.LinkedHashSet;
import java.util.Set;

/** Member completion: after {@code expr.} or {@code expr->}, the members of the struct or union expr names. */
final class Completions {
    private Completions() {
    }

    /**
     * The member names of the value before {@code access} in {@code before} (the text up to the operator), or null
     * when that is no C value with members here (then ordinary names complete).
     */
    static Set<String> members(String before, String access, FrameAt at, SourceVariablesProvider variables) {
        if (at == null) {
            return null;
        }
        int start = before.length();
        while (start > 0 && isExpressionChar(before, start - 1)) {
            start--;
        }
        String base = before.substring(start).trim();
        if (base.isEmpty()) {
            return null;
        }
        try {
            SourceVariablesProvider.Evaluation e = variables.evaluate(access.equals("->") ? "*(" + base + ")" : base,
                    at);
            if (!e.found() || e.value().children() == null) {
                return null;
            }
            Set<String> names = new LinkedHashSet<>();
            for (Variable v : e.value().children().children(new VariableRefs(), false)) {
                // Synthetic children ("[raw]", "*p") are views, not members to type after the operator.
                if (v.getName().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    names.add(v.getName());
                }
            }
            return names.isEmpty() ? null : names;
        } catch (EvalException | IllegalStateException e) {
            return null;
        }
    }

    private static boolean isExpressionChar(String s, int i) {
        char c = s.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '[' || c == ']'
                || (c == '>' && i > 0 && s.charAt(i - 1) == '-') || (c == '-' && i + 1 < s.length()
                && s.charAt(i + 1) == '>');
    }
}
