package dev.trapdoor.engine.dwarf;

/**
 * One {@code .debug_*} custom section, as a window onto the module's bytes (nothing is copied, so finding the
 * sections costs nothing however large they are).
 *
 * @param moduleOffset module offset of the section's payload, which is section offset 0
 */
record DwarfSection(String name, byte[] bytes, int moduleOffset, int length) {
    SectionReader reader(long sectionOffset) {
        return new SectionReader(this, sectionOffset);
    }
}
