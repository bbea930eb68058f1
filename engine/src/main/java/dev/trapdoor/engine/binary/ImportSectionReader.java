package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ImportDesc;

/** Section 2: imports. */
final class ImportSectionReader {
    private ImportSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            int moduleOffset = r.pos();
            String module = r.name();
            String name = r.name();
            ImportDesc desc = desc(r, moduleOffset);
            parts.imports.add(new Import(module, name, desc, moduleOffset));
        }
    }

    private static ImportDesc desc(ByteReader r, int importOffset) {
        int kindOffset = r.pos();
        // A plain byte, not a LEB128: 0x80 is an unknown kind, not the start of a longer zero.
        int kind = r.u8();
        switch (kind) {
            case 0x00:
                return new ImportDesc.Func(Vectors.index(r));
            case 0x01:
                return new ImportDesc.Table(Types.tableType(r));
            case 0x02:
                return new ImportDesc.Memory(Types.memoryType(r));
            case 0x03:
                return new ImportDesc.Global(Types.globalType(r));
            case 0x04:
                return new ImportDesc.Tag(TagSectionReader.tagType(r));
            default:
                throw new MalformedModuleException(kindOffset, "malformed import kind");
        }
    }
}
