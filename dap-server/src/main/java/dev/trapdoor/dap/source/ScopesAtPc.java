package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The DWARF scopes and globals at each pc, kept per {@link SourceVariables}, which the sessions of one program share
 * with its source map (session.SharedSources). Both depend on the pc alone
 * (values are read later, from the frame), and a session asks them at every stop, mostly at the same few pcs (a loop
 * stepped line by line): with 50 sessions stepping they were a seventh of what the server allocated while stepping
 * (benchmarks/RESULTS.md, session 12). Keyed weakly, so a program's entries go with it; past
 * {@value #MAX} pcs a program's table starts afresh.
 */
final class ScopesAtPc {
    static final int MAX = 4096;

    private record Entry(List<VariableScope> scopes, List<Variable> globals) {
    }

    private static final Map<SourceVariables, Map<Integer, Entry>> BY_PROGRAM =
            Collections.synchronizedMap(new WeakHashMap<>());

    private ScopesAtPc() {
    }

    /** {@link SourceVariables#scopesAt}, computed once per pc. */
    static List<VariableScope> scopes(SourceVariables vars, int pc) {
        return at(vars, pc).scopes;
    }

    /** {@link SourceVariables#globals}, computed once per pc. */
    static List<Variable> globals(SourceVariables vars, int pc) {
        return at(vars, pc).globals;
    }

    private static Entry at(SourceVariables vars, int pc) {
        Map<Integer, Entry> table = BY_PROGRAM.computeIfAbsent(vars, v -> new HashMap<>());
        synchronized (table) {
            Entry e = table.get(pc);
            if (e == null) {
                if (table.size() >= MAX) {
                    table.clear();
                }
                e = new Entry(vars.scopesAt(pc), vars.globals(pc));
                table.put(pc, e);
            }
            return e;
        }
    }
}
