package dev.trapdoor.engine.binary;

/** Section 5: memories the module defines (several with 3.0's multi-memory). */
final class MemorySectionReader {
    private MemorySectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            parts.memories.add(Types.memoryType(r));
        }
    }
}
