package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.model.MemoryType;

/** Section 5: memories the module defines. A second memory, imported or defined, is multi-memory (3.0). */
final class MemorySectionReader {
    private MemorySectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            int offset = r.pos();
            MemoryType type = Types.memoryType(r);
            if (parts.memoryCount() > 0) {
                throw new UnsupportedFeatureException(Feature.MULTI_MEMORY, offset, "a second memory");
            }
            parts.memories.add(type);
        }
    }
}
