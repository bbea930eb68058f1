package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.WasmModule;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The module's DWARF sections by name. Only locates them: reading is left to whoever needs a section, so that a
 * module's start-up pays nothing for its debug info.
 */
final class DwarfSections {
    static final String INFO = ".debug_info";
    static final String ABBREV = ".debug_abbrev";
    static final String STR = ".debug_str";
    static final String LINE = ".debug_line";
    static final String LINE_STR = ".debug_line_str";
    static final String RANGES = ".debug_ranges";
    static final String RNGLISTS = ".debug_rnglists";
    static final String STR_OFFSETS = ".debug_str_offsets";
    static final String ADDR = ".debug_addr";
    static final String LOC = ".debug_loc";
    static final String LOCLISTS = ".debug_loclists";

    private final Map<String, DwarfSection> byName = new HashMap<>();

    DwarfSections(WasmModule module) {
        for (CustomSection custom : module.customSections()) {
            if (custom.name().startsWith(".debug_")) {
                // The first of duplicates wins, as in other consumers; duplicates are not produced by linkers.
                byName.putIfAbsent(custom.name(), new DwarfSection(custom.name(), module.bytes(),
                        custom.payloadOffset(), custom.payloadLength()));
            }
        }
    }

    boolean hasDebugInfo() {
        return byName.containsKey(LINE) || byName.containsKey(INFO);
    }

    Optional<DwarfSection> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** A section that a form or attribute requires; its absence is damage. */
    DwarfSection require(String name) {
        DwarfSection s = byName.get(name);
        if (s == null) {
            throw new DwarfFormatException(name, 0, "section missing");
        }
        return s;
    }
}
