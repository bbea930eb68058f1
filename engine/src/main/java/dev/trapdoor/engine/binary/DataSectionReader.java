package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.ConstExpr;
import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.model.SegmentMode;

/** Section 11: data segments. Flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory). */
final class DataSectionReader {
    private DataSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            parts.data.add(segment(r));
        }
    }

    private static DataSegment segment(ByteReader r) {
        int moduleOffset = r.pos();
        long flags = r.u32Long();
        if (flags > 2) {
            throw new MalformedModuleException(moduleOffset, "malformed data segment kind");
        }
        SegmentMode mode = flags == 1 ? SegmentMode.PASSIVE : SegmentMode.ACTIVE;
        int memoryIndex = flags == 2 ? Vectors.index(r) : 0;
        ConstExpr offset = mode == SegmentMode.ACTIVE ? ConstExprReader.read(r) : null;
        long length = r.u32Long();
        if (length > r.remaining()) {
            throw new MalformedModuleException(r.limit(), Overrun.UNEXPECTED_END);
        }
        int dataOffset = r.skip((int) length);
        return new DataSegment(mode, memoryIndex, offset, dataOffset, (int) length, moduleOffset);
    }
}
