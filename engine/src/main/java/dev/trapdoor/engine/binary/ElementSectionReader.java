package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.ConstExpr;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.SegmentMode;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Section 9: element segments in their eight encodings. The flags are three bits: bit 0 passive or declarative,
 * bit 1 an explicit table index (when active) or declarative (when not), bit 2 expressions instead of function
 * indices.
 */
final class ElementSectionReader {
    private static final int NOT_ACTIVE = 1;
    private static final int EXPLICIT_TABLE_OR_DECLARATIVE = 2;
    private static final int EXPRESSIONS = 4;

    private ElementSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        for (int i = 0; i < count; i++) {
            parts.elements.add(segment(r));
        }
    }

    private static ElementSegment segment(ByteReader r) {
        int moduleOffset = r.pos();
        long flags = r.u32Long();
        if (flags > 7) {
            throw new MalformedModuleException(moduleOffset, "malformed elements segment kind");
        }
        boolean active = (flags & NOT_ACTIVE) == 0;
        boolean bit1 = (flags & EXPLICIT_TABLE_OR_DECLARATIVE) != 0;
        boolean expressions = (flags & EXPRESSIONS) != 0;
        SegmentMode mode = active ? SegmentMode.ACTIVE : bit1 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;

        int tableIndex = 0;
        ConstExpr offset = null;
        if (active) {
            if (bit1) {
                tableIndex = Vectors.index(r);
            }
            offset = ConstExprReader.read(r);
        }
        // Flags 0 and 4 imply funcref; the others spell out an elemkind (index encodings) or a reftype.
        int typeCode = expressions ? TypeCode.FUNCREF : TypeCode.ref(false, TypeCode.HT_FUNC);
        if ((flags & (NOT_ACTIVE | EXPLICIT_TABLE_OR_DECLARATIVE)) != 0 && expressions) {
            typeCode = Types.refTypeCode(r);
        } else if ((flags & (NOT_ACTIVE | EXPLICIT_TABLE_OR_DECLARATIVE)) != 0) {
            elemKind(r);
        }
        ValType type = TypeCode.kind(typeCode);

        if (expressions) {
            int n = Vectors.count(r);
            List<ConstExpr> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(ConstExprReader.read(r));
            }
            return new ElementSegment(mode, tableIndex, offset, type, List.copyOf(items), null, moduleOffset,
                    typeCode);
        }
        int[] funcIndices = new int[Vectors.count(r)];
        for (int i = 0; i < funcIndices.length; i++) {
            funcIndices[i] = Vectors.index(r);
        }
        return new ElementSegment(mode, tableIndex, offset, type, List.of(), funcIndices, moduleOffset, typeCode);
    }

    /** The only element kind of Wasm 2.0 is 0x00, funcref. */
    private static ValType elemKind(ByteReader r) {
        int offset = r.pos();
        if (r.u8() != 0x00) {
            throw new MalformedModuleException(offset, "malformed element kind");
        }
        return ValType.FUNCREF;
    }
}
