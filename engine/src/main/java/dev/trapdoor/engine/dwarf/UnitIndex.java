package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compile units of {@code .debug_info}: each header and root DIE only. Hopping from header to header by unit
 * length keeps this cheap however large the section is; a unit's other DIEs wait for {@link CompileUnit#scopes()}.
 */
final class UnitIndex {
    private final List<CompileUnit> units;

    private UnitIndex(List<CompileUnit> units) {
        this.units = units;
    }

    static UnitIndex empty() {
        return new UnitIndex(List.of());
    }

    static UnitIndex read(DwarfContext context) {
        List<CompileUnit> units = new ArrayList<>();
        Optional<DwarfSection> info = context.sections.find(DwarfSections.INFO);
        if (info.isEmpty()) {
            return new UnitIndex(units);
        }
        context.countParse();
        if (info.get().length() == 0) {
            // Present but empty: something cut it; say so rather than silently having no functions.
            context.warnings.add("empty .debug_info section");
        }
        Map<Long, AbbreviationTable> abbreviationTables = new HashMap<>();
        long offset = 0;
        while (offset < info.get().length()) {
            UnitHeader header;
            try {
                header = UnitHeader.read(info.get().reader(offset));
            } catch (DwarfFormatException damaged) {
                // Without a readable length the next unit cannot be found.
                context.warnings.add("debug info unreadable from here on: " + damaged.getMessage());
                break;
            }
            try {
                AbbreviationTable abbreviations = abbreviationTables.computeIfAbsent(header.abbrevOffset(),
                        at -> AbbreviationTable.read(context.sections.require(DwarfSections.ABBREV), at));
                SectionReader r = info.get().reader(header.firstDieOffset());
                r.limit(header.end());
                Die root = Die.read(r, abbreviations, header);
                if (root != null && isCodeUnit(header, root)) {
                    units.add(new CompileUnit(header, abbreviations, root, context));
                }
            } catch (DwarfFormatException damaged) {
                context.warnings.add("skipped a damaged compile unit: " + damaged.getMessage());
            }
            offset = header.end();
        }
        return new UnitIndex(units);
    }

    private static boolean isCodeUnit(UnitHeader header, Die root) {
        boolean codeUnitType = header.unitType() == DwTag.UT_COMPILE || header.unitType() == DwTag.UT_PARTIAL;
        return codeUnitType && (root.tag() == DwTag.COMPILE_UNIT || root.tag() == DwTag.PARTIAL_UNIT);
    }

    List<CompileUnit> units() {
        return units;
    }
}
