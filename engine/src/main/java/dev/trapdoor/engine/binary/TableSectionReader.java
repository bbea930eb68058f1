package dev.trapdoor.engine.binary;

/** Section 4: tables the module defines. */
final class TableSectionReader {
    private TableSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            parts.tables.add(Types.definedTableType(r));
        }
    }
}
