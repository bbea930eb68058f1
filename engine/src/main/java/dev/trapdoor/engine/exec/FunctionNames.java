package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.NameSectionReader;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.Names;
import dev.trapdoor.engine.model.WasmModule;

import java.util.HashMap;
import java.util.Map;

/** Names functions for stack traces: the name section first, then export names, then {@code $index}. */
final class FunctionNames {
    private final Map<Integer, String> names;

    private FunctionNames(Map<Integer, String> names) {
        this.names = names;
    }

    static FunctionNames of(WasmModule module) {
        Map<Integer, String> map = new HashMap<>();
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                map.putIfAbsent(e.index(), e.name());
            }
        }
        Names fromSection = NameSectionReader.read(module);
        map.putAll(fromSection.functionNames());
        return new FunctionNames(map);
    }

    String name(int funcIndex) {
        String n = names.get(funcIndex);
        return n != null ? n : "$" + funcIndex;
    }
}
