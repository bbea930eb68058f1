package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;

/**
 * Section 13 (WebAssembly 3.0): the tags of exception handling, which Trapdoor does not support. The contents are
 * decoded first, so a tag section that is malformed in 3.0 too is still reported as malformed.
 */
final class TagSectionReader {
    private TagSectionReader() {
    }

    static void read(ByteReader r, int sectionOffset) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            tagType(r);
        }
        if (!r.atEnd()) {
            throw new MalformedModuleException(r.pos(), Overrun.SIZE_MISMATCH);
        }
        throw new UnsupportedFeatureException(Feature.EXCEPTION_HANDLING, sectionOffset, "tag section");
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
