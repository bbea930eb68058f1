package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The abbreviations one or more units share, from one offset of {@code .debug_abbrev}. */
final class AbbreviationTable {
    private final Map<Long, Abbreviation> byCode;

    private AbbreviationTable(Map<Long, Abbreviation> byCode) {
        this.byCode = byCode;
    }

    static AbbreviationTable read(DwarfSection abbrev, long sectionOffset) {
        SectionReader r = abbrev.reader(sectionOffset);
        Map<Long, Abbreviation> byCode = new HashMap<>();
        while (true) {
            long code = r.uleb();
            if (code == 0) {
                return new AbbreviationTable(byCode);
            }
            int tag = r.ulebInt();
            boolean hasChildren = r.u8() != 0;
            List<long[]> specs = new ArrayList<>();
            while (true) {
                int name = r.ulebInt();
                int form = r.ulebInt();
                if (name == 0 && form == 0) {
                    break;
                }
                long implicit = form == DwForm.IMPLICIT_CONST ? r.sleb() : 0;
                specs.add(new long[] {name, form, implicit});
            }
            int n = specs.size();
            int[] names = new int[n];
            int[] forms = new int[n];
            long[] consts = new long[n];
            for (int i = 0; i < n; i++) {
                names[i] = (int) specs.get(i)[0];
                forms[i] = (int) specs.get(i)[1];
                consts[i] = specs.get(i)[2];
            }
            byCode.put(code, new Abbreviation(code, tag, hasChildren, names, forms, consts));
        }
    }

    Abbreviation get(long code, SectionReader where) {
        Abbreviation a = byCode.get(code);
        if (a == null) {
            throw where.fail("no abbreviation with code " + code);
        }
        return a;
    }
}
