package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.WasmModule;

/**
 * A defined tag's name for debuggers and reports: the name section's tag names (subsection 11 of the extended name
 * section), else the name it is exported under, else null. A malformed name section gives no name, never an error.
 */
final class TagNames {
    private static final int TAG_NAMES = 11;

    private TagNames() {
    }

    static String of(WasmModule module, int tagIndex) {
        String named = fromNameSection(module, tagIndex);
        if (named != null) {
            return named;
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.TAG && e.index() == tagIndex) {
                return e.name();
            }
        }
        return null;
    }

    private static String fromNameSection(WasmModule module, int tagIndex) {
        for (CustomSection c : module.customSections()) {
            if (!c.name().equals("name")) {
                continue;
            }
            try {
                ByteReader r = new ByteReader(module.bytes(), c.payloadOffset(), c.payloadOffset() + c.payloadLength());
                while (!r.atEnd()) {
                    int id = r.u8();
                    int size = r.u32();
                    int end = r.pos() + size;
                    if (id == TAG_NAMES) {
                        int count = r.u32();
                        for (int i = 0; i < count; i++) {
                            int index = r.u32();
                            String name = r.name();
                            if (index == tagIndex) {
                                return name;
                            }
                        }
                    }
                    r.pos(end);
                }
            } catch (RuntimeException malformed) {
                return null;
            }
        }
        return null;
    }
}
