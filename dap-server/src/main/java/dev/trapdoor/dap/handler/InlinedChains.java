package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Program;
import dev.trapdoor.engine.dwarf.SourceFrame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each pc's inlined chain of source frames, kept for the session's program. A session stops at the same few pcs
 * again and again (a loop stepped line by line), and a stackTrace's chain lookups in DWARF allocated ~45 KB: with 50
 * sessions stepping they were a tenth of the server's allocation (benchmarks/RESULTS.md, session 11). A new program
 * (a restart) starts afresh; past {@value #MAX} pcs the table starts afresh too.
 */
final class InlinedChains {
    static final int MAX = 4096;

    private Program program;
    private final Map<Integer, List<SourceFrame>> chains = new HashMap<>();

    synchronized List<SourceFrame> at(Program p, int pc) {
        if (p != program || chains.size() >= MAX) {
            chains.clear();
            program = p;
        }
        List<SourceFrame> chain = chains.get(pc);
        if (chain == null) {
            chain = p.sourceMap().inlinedChain(pc);
            chains.put(pc, chain);
        }
        return chain;
    }
}
