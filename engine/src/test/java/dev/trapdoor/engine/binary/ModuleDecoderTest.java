package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.model.ConstExpr;
import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.SegmentMode;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static dev.trapdoor.engine.binary.Bin.cat;
import static dev.trapdoor.engine.binary.Bin.i32Const;
import static dev.trapdoor.engine.binary.Bin.module;
import static dev.trapdoor.engine.binary.Bin.name;
import static dev.trapdoor.engine.binary.Bin.section;
import static dev.trapdoor.engine.binary.Bin.u32;
import static dev.trapdoor.engine.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Well-formed modules built by hand: what the decoder makes of each section. */
class ModuleDecoderTest {
    private static final int I32 = 0x7F;
    private static final int I64 = 0x7E;
    private static final int FUNCREF = 0x70;
    private static final int EXTERNREF = 0x6F;

    @Test
    void emptyModule() {
        WasmModule m = ModuleDecoder.decode(module());
        assertEquals(0, m.functionCount());
        assertEquals(-1, m.startFunction());
        assertEquals(-1, m.dataCount());
        assertEquals(-1, m.codeSectionOffset());
        assertTrue(m.customSections().isEmpty());
    }

    @Test
    void typesImportsAndIndexSpaces() {
        byte[] wasm = module(
                section(1, vec(bytes(0x60, 2, I32, I64, 1, 0x7D), bytes(0x60, 0, 0))),
                section(2, vec(
                        cat(name("env"), name("f"), bytes(0x00, 1)),
                        cat(name("env"), name("t"), bytes(0x01, EXTERNREF, 0x01, 2, 10)),
                        cat(name("env"), name("m"), bytes(0x02, 0x00, 1)),
                        cat(name("env"), name("g"), bytes(0x03, I64, 0x01)))),
                section(3, vec(bytes(0), bytes(1))),
                section(4, vec(bytes(FUNCREF, 0x00, 3))),
                section(6, vec(cat(bytes(I32, 0x00), i32Const(7)))),
                section(7, vec(cat(name("run"), bytes(0x00, 2)), cat(name("mem"), bytes(0x02, 0)))),
                section(8, bytes(2)),
                Bin.emptyBodies(2));
        WasmModule m = ModuleDecoder.decode(wasm);

        assertEquals(List.of(new FuncType(new ValType[] {ValType.I32, ValType.I64}, new ValType[] {ValType.F32}),
                new FuncType(new ValType[0], new ValType[0])), m.types());
        assertEquals(4, m.imports().size());
        assertEquals("env", m.imports().get(0).module());
        assertEquals(new ImportDesc.Func(1), m.imports().get(0).desc());
        assertEquals(new ImportDesc.Table(new TableType(ValType.EXTERNREF, new Limits(2, 10))),
                m.imports().get(1).desc());
        assertEquals(new GlobalType(ValType.I64, true), ((ImportDesc.Global) m.imports().get(3).desc()).type());
        int typeSectionLength = 3 + 6 + 3;
        assertEquals(8 + typeSectionLength + 3, m.imports().get(0).moduleOffset());

        assertEquals(3, m.functionCount());
        assertEquals(1, m.importedFunctionCount());
        assertEquals(0, m.functionTypeIndex(1));
        assertEquals(1, m.functionTypeIndex(2));
        assertEquals(2, m.tables().size());
        assertEquals(new Limits(3, Limits.NO_MAX), m.tables().get(1).limits());
        assertEquals(1, m.memories().size());
        assertEquals(2, m.globalTypes().size());
        assertEquals(new GlobalType(ValType.I32, false), m.globals().get(0).type());
        assertEquals(List.of(new Export("run", ExternKind.FUNC, 2, m.exports().get(0).moduleOffset()),
                new Export("mem", ExternKind.MEMORY, 0, m.exports().get(1).moduleOffset())), m.exports());
        assertEquals(2, m.startFunction());
        assertEquals(2, m.bodies().size());
    }

    @Test
    void globalInitializerRangeIncludesEndAndSkipsNonConstantInstructions() {
        // i32.const 1; block; nop; end; i32.const 2; i32.add; end: invalid, but well-formed.
        byte[] init = bytes(0x41, 1, 0x02, 0x40, 0x01, 0x0B, 0x41, 2, 0x6A, 0x0B);
        byte[] wasm = module(section(6, vec(cat(bytes(I32, 0x00), init), cat(bytes(I64, 0x01), bytes(0x42, 5, 0x0B)))));
        WasmModule m = ModuleDecoder.decode(wasm);
        int firstInit = 8 + 2 + 1 + 2;
        assertEquals(new ConstExpr(firstInit, firstInit + init.length), m.globals().get(0).init());
        assertEquals(0x0B, wasm[m.globals().get(0).init().endOffset() - 1]);
        int secondInit = firstInit + init.length + 2;
        assertEquals(new ConstExpr(secondInit, secondInit + 3), m.globals().get(1).init());
    }

    @Test
    void elementSegmentsInAllEightEncodings() {
        byte[] funcs = vec(bytes(0), bytes(1));
        byte[] exprs = vec(bytes(0xD2, 1, 0x0B), bytes(0xD0, FUNCREF, 0x0B));
        byte[] wasm = module(section(9, vec(
                cat(bytes(0), i32Const(1), funcs),
                cat(bytes(1, 0x00), funcs),
                cat(bytes(2, 3), i32Const(2), bytes(0x00), funcs),
                cat(bytes(3, 0x00), funcs),
                cat(bytes(4), i32Const(3), exprs),
                cat(bytes(5, EXTERNREF), vec(bytes(0xD0, EXTERNREF, 0x0B))),
                cat(bytes(6, 2), i32Const(4), bytes(FUNCREF), exprs),
                cat(bytes(7, FUNCREF), exprs))));
        List<ElementSegment> e = ModuleDecoder.decode(wasm).elements();
        assertEquals(8, e.size());
        SegmentMode[] modes = {SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE,
            SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE};
        int[] tables = {0, 0, 3, 0, 0, 0, 2, 0};
        for (int i = 0; i < 8; i++) {
            ElementSegment s = e.get(i);
            assertEquals(modes[i], s.mode(), "mode of flags " + i);
            assertEquals(tables[i], s.tableIndex(), "table of flags " + i);
            assertEquals(s.mode() == SegmentMode.ACTIVE, s.offset() != null, "offset of flags " + i);
            if (i < 4) {
                assertArrayEquals(new int[] {0, 1}, s.funcIndices(), "indices of flags " + i);
                assertTrue(s.items().isEmpty());
                assertEquals(ValType.FUNCREF, s.type());
            } else {
                assertNull(s.funcIndices());
                assertEquals(i == 5 ? 1 : 2, s.items().size());
                assertEquals(i == 5 ? ValType.EXTERNREF : ValType.FUNCREF, s.type());
            }
        }
        byte[] bytes = ModuleDecoder.decode(wasm).bytes();
        ConstExpr ref = e.get(4).items().get(0);
        assertEquals(0xD2, bytes[ref.moduleOffset()] & 0xFF);
        assertEquals(3, ref.endOffset() - ref.moduleOffset());
        ConstExpr offset = e.get(2).offset();
        assertEquals(0x41, bytes[offset.moduleOffset()] & 0xFF);
        assertEquals(2, bytes[offset.moduleOffset() + 1]);
    }

    @Test
    void dataSegmentsAndDataCount() {
        byte[] wasm = module(
                section(5, vec(bytes(0x00, 1))),
                section(12, u32(3)),
                section(11, vec(
                        cat(bytes(0), i32Const(16), vec(bytes('h'), bytes('i'))),
                        cat(bytes(1), name("abc")),
                        cat(bytes(2, 0), i32Const(0), u32(0)))));
        WasmModule m = ModuleDecoder.decode(wasm);
        assertEquals(3, m.dataCount());
        List<DataSegment> d = m.data();
        assertEquals(SegmentMode.ACTIVE, d.get(0).mode());
        assertEquals(2, d.get(0).length());
        assertEquals("hi", new String(wasm, d.get(0).dataOffset(), d.get(0).length()));
        assertEquals(SegmentMode.PASSIVE, d.get(1).mode());
        assertNull(d.get(1).offset());
        assertEquals("abc", new String(wasm, d.get(1).dataOffset(), 3));
        assertEquals(0, d.get(2).length());
        assertEquals(0x02, wasm[d.get(2).moduleOffset()]);
    }

    @Test
    void codeEntriesExpandLocalsAndRecordOffsets() {
        byte[] body = cat(vec(cat(u32(2), bytes(I32)), cat(u32(1), bytes(I64))), bytes(0x20, 0, 0x1A, 0x0B));
        byte[] wasm = module(cat(Bin.voidFunctions(1)), section(10, vec(cat(u32(body.length), body))));
        WasmModule m = ModuleDecoder.decode(wasm);
        FunctionBody b = m.body(0);
        assertArrayEquals(new ValType[] {ValType.I32, ValType.I32, ValType.I64}, b.locals());
        int codeContents = 8 + 6 + 4 + 2;
        assertEquals(codeContents, m.codeSectionOffset());
        assertEquals(codeContents + 1, b.entryOffset());
        assertEquals(codeContents + 2 + 5, b.bodyOffset());
        assertEquals(wasm.length, b.endOffset());
        assertEquals(0x20, wasm[b.bodyOffset()]);
    }

    @Test
    void customSectionsAnywhereWithOffsets() {
        byte[] wasm = module(
                section(0, name("first"), bytes(1, 2, 3)),
                section(1, vec()),
                section(0, name("")),
                section(11, vec()),
                section(0, name("last\u00e9"), bytes(9)));
        List<CustomSection> cs = ModuleDecoder.decode(wasm).customSections();
        assertEquals(3, cs.size());
        assertEquals(new CustomSection("first", 8, 8 + 2 + 6, 3), cs.get(0));
        assertEquals("", cs.get(1).name());
        assertEquals(0, cs.get(1).payloadLength());
        assertEquals("last\u00e9", cs.get(2).name());
        assertEquals(wasm.length - 1, cs.get(2).payloadOffset());
        assertEquals(0x00, wasm[cs.get(2).sectionOffset()]);
    }

    @Test
    void limitValuesOutOfRangeAreLeftToTheValidator() {
        byte[] wasm = module(section(5, vec(bytes(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01))));
        assertEquals(new Limits(0xFFFF_FFFFL, 1), ModuleDecoder.decode(wasm).memories().get(0).limits());
    }

    @Test
    void hugeIndicesSaturateInsteadOfWrappingToAbsent() {
        byte[] wasm = module(section(8, u32(0xFFFF_FFFFL)));
        assertEquals(Integer.MAX_VALUE, ModuleDecoder.decode(wasm).startFunction());
    }

    @Test
    void decoderKeepsTheCallersBytes() {
        byte[] wasm = module(section(1, vec()));
        WasmModule m = ModuleDecoder.decode(wasm);
        assertTrue(m.bytes() == wasm);
        assertFalse(Arrays.equals(new byte[0], m.bytes()));
    }
}
