package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.model.Global;
import dev.trapdoor.engine.model.GlobalType;

/** Section 6: globals the module defines, with their initializers. */
final class GlobalSectionReader {
    private GlobalSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            GlobalType type = Types.globalType(r);
            parts.globals.add(new Global(type, ConstExprReader.read(r)));
        }
    }
}
