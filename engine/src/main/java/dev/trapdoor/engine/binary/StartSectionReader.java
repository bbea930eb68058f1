package dev.trapdoor.engine.binary;

/** Section 8: the start function's index. */
final class StartSectionReader {
    private StartSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        parts.startFunction = Vectors.index(r);
    }
}
