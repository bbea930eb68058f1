package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Decodes a binary module: the header, then each section with its own reader, each confined to the bytes its size
 * declares. Function bodies and constant expressions are kept as byte ranges (see {@link WasmModule}).
 */
public final class ModuleDecoder {
    private static final int MAGIC = 0x6D736100;
    private static final int VERSION = 1;

    private ModuleDecoder() {
    }

    /**
     * Decodes a binary module. The bytes are kept by the module, not copied.
     *
     * @throws MalformedModuleException if the bytes are not a well-formed Wasm 2.0 module; its reason is the spec
     *                                  test suite's phrase and its offset the module offset where decoding failed
     */
    public static WasmModule decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        header(r);
        ModuleParts parts = new ModuleParts();
        int lastOrder = 0;
        while (!r.atEnd()) {
            int sectionOffset = r.pos();
            SectionId id = SectionId.of(r.u8());
            if (id == null) {
                throw new MalformedModuleException(sectionOffset, "malformed section id");
            }
            int sizeOffset = r.pos();
            long size = r.u32Long();
            if (size > r.remaining()) {
                throw new MalformedModuleException(sizeOffset, "length out of bounds");
            }
            if (id != SectionId.CUSTOM) {
                // A repeated or out-of-order section is what the spec's decoder finds after it is done.
                if (id.order() <= lastOrder) {
                    throw new MalformedModuleException(sectionOffset, "unexpected content after last section");
                }
                lastOrder = id.order();
            }
            int contentOffset = r.pos();
            int contentEnd = contentOffset + (int) size;
            ByteReader section = new ByteReader(bytes, contentOffset, contentEnd);
            try {
                readSection(id, section, parts, sectionOffset);
            } catch (MalformedModuleException e) {
                throw Overrun.explain(e, contentEnd, bytes.length);
            }
            if (section.pos() != contentEnd) {
                throw new MalformedModuleException(section.pos(), Overrun.SIZE_MISMATCH);
            }
            r.pos(contentEnd);
        }
        checkCounts(parts, bytes.length);
        return parts.build(bytes);
    }

    private static void header(ByteReader r) {
        if (r.remaining() < 4) {
            throw new MalformedModuleException(r.limit(), Overrun.UNEXPECTED_END);
        }
        if (r.f32Bits() != MAGIC) {
            throw new MalformedModuleException(0, "magic header not detected");
        }
        if (r.remaining() < 4) {
            throw new MalformedModuleException(r.limit(), Overrun.UNEXPECTED_END);
        }
        if (r.f32Bits() != VERSION) {
            throw new MalformedModuleException(4, "unknown binary version");
        }
    }

    private static void readSection(SectionId id, ByteReader r, ModuleParts parts, int sectionOffset) {
        switch (id) {
            case CUSTOM -> CustomSectionReader.read(r, parts, sectionOffset);
            case TYPE -> TypeSectionReader.read(r, parts);
            case IMPORT -> ImportSectionReader.read(r, parts);
            case FUNCTION -> FunctionSectionReader.read(r, parts);
            case TABLE -> TableSectionReader.read(r, parts);
            case MEMORY -> MemorySectionReader.read(r, parts);
            case TAG -> TagSectionReader.read(r, parts);
            case GLOBAL -> GlobalSectionReader.read(r, parts);
            case EXPORT -> ExportSectionReader.read(r, parts);
            case START -> StartSectionReader.read(r, parts);
            case ELEMENT -> ElementSectionReader.read(r, parts);
            case DATA_COUNT -> DataCountSectionReader.read(r, parts);
            case CODE -> {
                parts.codeSectionOffset = r.pos();
                CodeSectionReader.read(r, parts);
            }
            case DATA -> {
                parts.dataSectionOffset = r.pos();
                DataSectionReader.read(r, parts);
            }
        }
    }

    /** Counts that must agree across sections, checked once every section is in. */
    private static void checkCounts(ModuleParts parts, int moduleLength) {
        if (parts.definedFunctionTypes.length != parts.bodies.size()) {
            throw new MalformedModuleException(parts.codeSectionOffset >= 0 ? parts.codeSectionOffset : moduleLength,
                    "function and code section have inconsistent lengths");
        }
        if (parts.dataCount >= 0 && parts.dataCount != parts.data.size()) {
            throw new MalformedModuleException(parts.dataSectionOffset >= 0 ? parts.dataSectionOffset : moduleLength,
                    "data count and data section have inconsistent lengths");
        }
    }
}
