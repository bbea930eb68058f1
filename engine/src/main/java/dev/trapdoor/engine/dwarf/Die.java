package dev.trapdoor.engine.dwarf;

/** A debugging information entry: its {@code .debug_info} offset, its abbreviation and its raw attribute values. */
record Die(long offset, Abbreviation abbreviation, AttributeValue[] values) {
    int tag() {
        return abbreviation.tag();
    }

    boolean hasChildren() {
        return abbreviation.hasChildren();
    }

    /** The attribute's value, or null when the DIE does not have it. */
    AttributeValue get(int attribute) {
        int[] names = abbreviation.attributes();
        for (int i = 0; i < names.length; i++) {
            if (names[i] == attribute) {
                return values[i];
            }
        }
        return null;
    }

    /**
     * Reads the DIE at the reader's position, or returns null for the null entry that ends a list of siblings.
     */
    static Die read(SectionReader r, AbbreviationTable abbreviations, UnitHeader unit) {
        long offset = r.pos();
        long code = r.uleb();
        if (code == 0) {
            return null;
        }
        Abbreviation a = abbreviations.get(code, r);
        AttributeValue[] values = new AttributeValue[a.forms().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = FormReader.read(r, a.forms()[i], a.implicitConsts()[i], unit.offset(), unit.addressSize(),
                    unit.version());
        }
        return new Die(offset, a, values);
    }
}
