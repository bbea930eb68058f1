package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.UnsupportedFeatureException;

/**
 * Section 1: the function types. Entries Trapdoor does not support (GC's types, function types with v128 or typed
 * references) are decoded to the end of the section, so that a malformed entry after them is reported as such;
 * then the first of them is reported as not supported.
 */
final class TypeSectionReader {
    private TypeSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        UnsupportedFeatureException first = null;
        for (int i = 0; i < count; i++) {
            int offset = r.pos();
            String gcForm = GcTypes.form(r.peekU8());
            UnsupportedFeatureException unsupported = null;
            if (gcForm == null) {
                try {
                    parts.types.add(Types.funcType(r));
                } catch (UnsupportedFeatureException e) {
                    // A v128 or typed reference parameter: read the entry to its end and go on looking.
                    unsupported = e;
                    r.pos(offset);
                    GcTypes.skipEntry(r);
                }
            } else {
                try {
                    RecGroups.entry(r, parts);
                } catch (UnsupportedFeatureException e) {
                    // A struct or array type: read the entry to its end and go on looking.
                    unsupported = e;
                    r.pos(offset);
                    GcTypes.skipEntry(r);
                }
            }
            first = first == null ? unsupported : first;
        }
        if (first != null) {
            if (!r.atEnd()) {
                throw r.malformed(Overrun.SIZE_MISMATCH);
            }
            throw first;
        }
    }
}
