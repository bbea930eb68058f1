package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;

/** Section 13 (WebAssembly 3.0, exception handling): each tag's type, a function type whose results are empty. */
final class TagSectionReader {
    private TagSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = tagType(r);
        }
        if (!r.atEnd()) {
            throw new MalformedModuleException(r.pos(), Overrun.SIZE_MISMATCH);
        }
        parts.definedTagTypes = types;
    }

    /** A tag's type: the attribute byte 0x00 (an exception), then the index of its function type. */
    static int tagType(ByteReader r) {
        int offset = r.pos();
        if (r.u8() != 0x00) {
            throw new MalformedModuleException(offset, "malformed tag attribute");
        }
        return Vectors.index(r);
    }
}
