package dev.trapdoor.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A diagnostic: chunk crossings per function, counted by the chunk loops that {@code -Dtrapdoor.jit.countCrossings=true}
 * compiles with a call here (code compiled without it pays nothing), and printed to stderr when the JVM exits. A
 * crossing is one pass of a function's chunk loop: an exit of one chunk into the entry of another (or the same).
 */
final class Crossings {
    private static final Map<String, LongAdder> BY_FUNCTION = new ConcurrentHashMap<>();
    /** By function and entry id (the module offset and kind the crossing enters at), for the busiest functions. */
    private static final Map<String, LongAdder> BY_ENTRY = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Crossings::print, "trapdoor-crossings"));
    }

    private Crossings() {
    }

    static void count(JitContext c, int entry) {
        BY_FUNCTION.computeIfAbsent(c.fn.name(), n -> new LongAdder()).increment();
        String at = c.fn.name() + " @" + (entry >>> 3) + "/" + (entry & 7);
        BY_ENTRY.computeIfAbsent(at, n -> new LongAdder()).increment();
    }

    private static void print() {
        List<Map.Entry<String, LongAdder>> all = new ArrayList<>(BY_FUNCTION.entrySet());
        all.sort((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()));
        long total = all.stream().mapToLong(en -> en.getValue().sum()).sum();
        StringBuilder out = new StringBuilder("trapdoor: " + total + " chunk crossings");
        for (int i = 0; i < Math.min(8, all.size()); i++) {
            out.append("\n  ").append(all.get(i).getValue().sum()).append(' ').append(all.get(i).getKey());
        }
        List<Map.Entry<String, LongAdder>> entries = new ArrayList<>(BY_ENTRY.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()));
        out.append("\n by entry (module offset / kind):");
        for (int i = 0; i < Math.min(12, entries.size()); i++) {
            out.append("\n  ").append(entries.get(i).getValue().sum()).append(' ').append(entries.get(i).getKey());
        }
        System.err.println(out);
    }
}
