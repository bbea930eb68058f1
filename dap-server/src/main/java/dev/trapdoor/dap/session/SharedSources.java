package dev.trapdoor.dap.session;

import dev.trapdoor.dap.source.DisassemblyIndex;
import dev.trapdoor.engine.dwarf.PathMapping;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.model.WasmModule;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The source views of a module that the sessions running it share: its DWARF {@link SourceMap} (one per path
 * mapping, since answers carry mapped paths) and its {@link DisassemblyIndex}. Both are lazily built from the module
 * alone, both are thread-safe, and the module itself is shared by {@code exec.SharedModules}: so 50 sessions of one
 * program read its DWARF and disassemble its library functions once instead of 50 times, all at their first step
 * (benchmarks/RESULTS.md, session 13).
 *
 * <p>Memory: the views are held weakly, so they live as long as some session's {@link Program} holds them; the
 * module is a weak key (the views refer to it, but only through those weak references).
 */
final class SharedSources {
    private static final class OfModule {
        WeakReference<DisassemblyIndex> disassembly = new WeakReference<>(null);
        final Map<PathMapping, WeakReference<SourceMap>> sourceMaps = new HashMap<>();
    }

    private static final Map<WasmModule, OfModule> BY_MODULE = new WeakHashMap<>();

    private SharedSources() {
    }

    static synchronized SourceMap sourceMap(WasmModule module, PathMapping paths) {
        OfModule views = BY_MODULE.computeIfAbsent(module, m -> new OfModule());
        WeakReference<SourceMap> ref = views.sourceMaps.get(paths);
        SourceMap map = ref == null ? null : ref.get();
        if (map == null) {
            views.sourceMaps.values().removeIf(r -> r.get() == null);
            map = SourceMap.of(module, paths);
            views.sourceMaps.put(paths, new WeakReference<>(map));
        }
        return map;
    }

    static synchronized DisassemblyIndex disassembly(WasmModule module) {
        OfModule views = BY_MODULE.computeIfAbsent(module, m -> new OfModule());
        DisassemblyIndex index = views.disassembly.get();
        if (index == null) {
            index = new DisassemblyIndex(module);
            views.disassembly = new WeakReference<>(index);
        }
        return index;
    }
}
