package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.model.CustomSection;

/** Section 0: kept as a name and a payload range; only the name's encoding is checked. */
final class CustomSectionReader {
    private CustomSectionReader() {
    }

    /** @param sectionOffset module offset of the section's id byte */
    static void read(ByteReader r, ModuleParts parts, int sectionOffset) {
        String name = r.name();
        int payloadOffset = r.pos();
        int payloadLength = r.remaining();
        r.skip(payloadLength);
        parts.customSections.add(new CustomSection(name, sectionOffset, payloadOffset, payloadLength));
    }
}
