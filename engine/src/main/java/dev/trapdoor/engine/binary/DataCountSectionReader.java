package dev.trapdoor.engine.binary;

/** Section 12: the number of data segments, declared ahead of the code section for single-pass validation. */
final class DataCountSectionReader {
    private DataCountSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        parts.dataCount = Vectors.index(r);
    }
}
