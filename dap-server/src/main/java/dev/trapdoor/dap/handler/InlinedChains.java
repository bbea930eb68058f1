package dev.trapdoor.dap.handler;

import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.dwarf.SourceMap;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Each pc's inlined chain of source frames, kept per {@link SourceMap}, which the sessions of one program share
 * (session.SharedSources). Sessions stop at the same few pcs again and again (a loop stepped line by line), and a
 * stackTrace's chain lookups in DWARF allocated ~45 KB: with 50 sessions stepping they were a tenth of the server's
 * allocation (benchmarks/RESULTS.md, session 11), and per session they were still paid once by each (session 13).
 * Keyed weakly, so a program's entries go with its map; past {@value #MAX} pcs a map's table starts afresh.
 */
final class InlinedChains {
    static final int MAX = 4096;

    private static final Map<SourceMap, Map<Integer, List<SourceFrame>>> BY_MAP =
            Collections.synchronizedMap(new WeakHashMap<>());

    private InlinedChains() {
    }

    static List<SourceFrame> at(SourceMap map, int pc) {
        Map<Integer, List<SourceFrame>> chains = BY_MAP.computeIfAbsent(map, m -> new HashMap<>());
        synchronized (chains) {
            List<SourceFrame> chain = chains.get(pc);
            if (chain == null) {
                if (chains.size() >= MAX) {
                    chains.clear();
                }
                chain = map.inlinedChain(pc);
                chains.put(pc, chain);
            }
            return chain;
        }
    }
}
