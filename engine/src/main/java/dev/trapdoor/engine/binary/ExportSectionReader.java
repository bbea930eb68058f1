package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;

/** Section 7: exports. Duplicate names are the validator's concern. */
final class ExportSectionReader {
    private ExportSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            int moduleOffset = r.pos();
            String name = r.name();
            int kindOffset = r.pos();
            int code = r.u8();
            ExternKind kind = ExternKind.fromCode(code);
            if (kind == null) {
                throw new MalformedModuleException(kindOffset, "malformed export kind");
            }
            parts.exports.add(new Export(name, kind, Vectors.index(r), moduleOffset));
        }
    }
}
