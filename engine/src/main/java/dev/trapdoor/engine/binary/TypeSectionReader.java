package dev.trapdoor.engine.binary;

/** Section 1: the function types. */
final class TypeSectionReader {
    private TypeSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            parts.types.add(Types.funcType(r));
        }
    }
}
