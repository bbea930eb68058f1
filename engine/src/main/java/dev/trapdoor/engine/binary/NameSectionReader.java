package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.Names;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code name} custom section: module name (subsection 0), function names (1) and local names (2); other
 * subsections are skipped. Names are debugging aids, so a damaged section must not stop anything: reading stops at
 * the first damage and returns what came before it. Never throws.
 */
public final class NameSectionReader {
    private static final String SECTION_NAME = "name";
    private static final int MODULE_NAME = 0;
    private static final int FUNCTION_NAMES = 1;
    private static final int LOCAL_NAMES = 2;

    private NameSectionReader() {
    }

    public static Names read(WasmModule module) {
        for (CustomSection section : module.customSections()) {
            if (SECTION_NAME.equals(section.name())) {
                return read(module.bytes(), section);
            }
        }
        return Names.EMPTY;
    }

    private static Names read(byte[] bytes, CustomSection section) {
        Partial names = new Partial();
        int payloadEnd = section.payloadOffset() + section.payloadLength();
        ByteReader r = new ByteReader(bytes, section.payloadOffset(), payloadEnd);
        try {
            while (!r.atEnd()) {
                int id = r.u8();
                long size = r.u32Long();
                // A truncated section cuts its last subsection short; read what is there.
                int subsectionEnd = (int) Math.min(payloadEnd, r.pos() + size);
                r.limit(subsectionEnd);
                switch (id) {
                    case MODULE_NAME -> names.moduleName = r.name();
                    case FUNCTION_NAMES -> readNameMap(r, names.functions);
                    case LOCAL_NAMES -> readLocalNames(r, names.locals);
                    default -> {
                    }
                }
                r.pos(subsectionEnd);
                r.limit(payloadEnd);
            }
        } catch (MalformedModuleException damaged) {
            // Keep what was read before the damage.
        }
        return names.freeze();
    }

    private static void readNameMap(ByteReader r, Map<Integer, String> into) {
        long count = r.u32Long();
        for (long i = 0; i < count; i++) {
            int index = (int) Math.min(r.u32Long(), Integer.MAX_VALUE);
            into.put(index, r.name());
        }
    }

    private static void readLocalNames(ByteReader r, Map<Integer, Map<Integer, String>> into) {
        long count = r.u32Long();
        for (long i = 0; i < count; i++) {
            int funcIndex = (int) Math.min(r.u32Long(), Integer.MAX_VALUE);
            Map<Integer, String> locals = new TreeMap<>();
            // Registered before reading so a function cut short keeps the local names read so far.
            into.put(funcIndex, locals);
            readNameMap(r, locals);
        }
    }

    /** Names gathered so far, mutable until frozen into the model's record. */
    private static final class Partial {
        String moduleName;
        final Map<Integer, String> functions = new TreeMap<>();
        final Map<Integer, Map<Integer, String>> locals = new TreeMap<>();

        Names freeze() {
            Map<Integer, Map<Integer, String>> frozenLocals = new TreeMap<>();
            // A loop, not forEach with a lambda: JDK 17's archive dump skips a nested class's lambdas, so a DAP
            // server would spin that class at run time (benchmarks/RESULTS.md, session 16).
            for (Map.Entry<Integer, Map<Integer, String>> e : locals.entrySet()) {
                frozenLocals.put(e.getKey(), Collections.unmodifiableMap(e.getValue()));
            }
            return new Names(moduleName, Collections.unmodifiableMap(functions),
                    Collections.unmodifiableMap(frozenLocals));
        }
    }
}
