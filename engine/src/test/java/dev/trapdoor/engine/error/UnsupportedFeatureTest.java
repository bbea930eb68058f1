package dev.trapdoor.engine.error;

import dev.trapdoor.engine.Wasm;
import org.junit.jupiter.api.Test;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static dev.trapdoor.engine.binary.Bin.cat;
import static dev.trapdoor.engine.binary.Bin.module;
import static dev.trapdoor.engine.binary.Bin.name;
import static dev.trapdoor.engine.binary.Bin.section;
import static dev.trapdoor.engine.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-assembled modules, one per feature Trapdoor lacks: each is reported as "not supported" with the feature and
 * the exact module offset of the construct, and the neighbouring bytes that no spec defines stay malformed.
 */
class UnsupportedFeatureTest {
    private static final byte[] VOID_TYPE = section(1, vec(bytes(0x60, 0, 0)));
    private static final byte[] ONE_FUNCTION = section(3, vec(bytes(0)));
    private static final byte[] ONE_MEMORY = section(5, vec(bytes(0, 1)));

    /** A module whose only function, of type {@code [] -> []}, runs {@code code} then {@code end}. */
    private record Built(byte[] bytes, int codeStart) {
    }

    /** The sections in {@code between} go after the function section and before the code section. */
    private static Built function(byte[] code, byte[]... between) {
        byte[] body = cat(bytes(0), code, bytes(0x0B));
        byte[] wasm = module(VOID_TYPE, ONE_FUNCTION, cat(between), section(10, vec(cat(bytes(body.length), body))));
        return new Built(wasm, wasm.length - code.length - 1);
    }

    private static UnsupportedFeatureException assertUnsupported(byte[] wasm, Feature feature, int moduleOffset,
                                                                 String construct) {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> Wasm.load(wasm));
        assertEquals(feature, e.feature(), e.getMessage());
        assertEquals(moduleOffset, e.moduleOffset(), e.getMessage());
        assertEquals(construct, e.construct(), e.getMessage());
        return e;
    }

    private static void assertMalformed(byte[] wasm, int moduleOffset, String reason) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> Wasm.load(wasm));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(moduleOffset, e.moduleOffset(), e.getMessage());
    }

    @Test
    void messageNamesFeatureOffsetAndConstruct() {
        Built m = function(bytes(0xFE, 0x03, 0x00));
        UnsupportedFeatureException e = assertUnsupported(m.bytes(), Feature.THREADS, m.codeStart(),
                "instruction 0xfe 3");
        assertEquals(String.format("not supported: threads at offset 0x%x (instruction 0xfe 3)", m.codeStart()),
                e.getMessage());
    }

    @Test
    void simdIsSupportedAndItsUnassignedSubOpcodesAreMalformed() {
        // (SIMD and relaxed SIMD are implemented: they load, and only bytes no spec defines are malformed.)
        Built m = function(cat(bytes(0xFD, 0x0C), new byte[16], bytes(0x1A)));
        Wasm.load(m.bytes());
        Wasm.load(module(section(1, vec(bytes(0x60, 1, 0x7B, 0)))));
        Wasm.load(module(section(6, vec(cat(bytes(0x7B, 0, 0xFD, 0x0C), new byte[16], bytes(0x0B))))));
        byte[] wasm = module(section(6, vec(cat(bytes(0x7F, 0, 0xFD, 0x0C), new byte[16], bytes(0x0B)))));
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(wasm));
        assertTrue(e.getMessage().contains("constant expression must produce i32"), e.getMessage());
        m = function(bytes(0xFD, 0x9A, 0x01));
        assertMalformed(m.bytes(), m.codeStart(), "illegal opcode 0xfd 154");
        // Relaxed SIMD: i8x16.relaxed_swizzle (0x100) on an empty stack is a type error, 0x114 no instruction.
        Built relaxed = function(bytes(0xFD, 0x80, 0x02));
        InvalidModuleException invalid = assertThrows(InvalidModuleException.class, () -> Wasm.load(relaxed.bytes()));
        assertTrue(invalid.getMessage().contains("type mismatch"), invalid.getMessage());
        m = function(bytes(0xFD, 0x94, 0x02));
        assertMalformed(m.bytes(), m.codeStart(), "illegal opcode 0xfd 276");
    }

    @Test
    void tailCalls() {
        // Tail calls are implemented: a missing table, or a missing reference operand, is a validation error now.
        Built indirect = function(bytes(0x01, 0x13, 0x00, 0x00));
        InvalidModuleException invalid = assertThrows(InvalidModuleException.class,
                () -> Wasm.load(indirect.bytes()));
        assertTrue(invalid.getMessage().contains("unknown table"), invalid.getMessage());
        Built m = function(bytes(0x15, 0x00));
        InvalidModuleException noRef = assertThrows(InvalidModuleException.class, () -> Wasm.load(m.bytes()));
        assertTrue(noRef.getMessage().contains("type mismatch"), noRef.getMessage());
    }

    @Test
    void exceptionHandlingLoadsNow() {
        // Exception handling is implemented: its encodings load, and only bytes no spec defines are malformed.
        byte[] tags = section(13, vec(bytes(0x00, 0x00)));
        Wasm.load(module(VOID_TYPE, ONE_MEMORY, tags));
        // A tag whose attribute is not 0 is malformed in 3.0 too.
        assertMalformed(module(VOID_TYPE, section(13, vec(bytes(0x01, 0x00)))), 17, "malformed tag attribute");
        // Out of order: a tag section belongs before the globals.
        assertMalformed(module(VOID_TYPE, section(6, vec()), tags), 17, "unexpected content after last section");
        InvalidModuleException noTag = assertThrows(InvalidModuleException.class,
                () -> Wasm.load(function(bytes(0x08, 0x00)).bytes()));
        assertTrue(noTag.getMessage().contains("unknown tag 0"), noTag.getMessage());
        Wasm.load(function(bytes(0x1F, 0x40, 0x00, 0x0B)).bytes());
        Wasm.load(function(bytes(0x06, 0x40, 0x19, 0x0B)).bytes());
        Wasm.load(function(bytes(0xD0, 0x69, 0x1A)).bytes());
        Wasm.load(module(VOID_TYPE, section(2, vec(cat(name("m"), name("t"), bytes(0x04, 0x00, 0x00))))));
        InvalidModuleException export = assertThrows(InvalidModuleException.class,
                () -> Wasm.load(module(section(7, vec(cat(name("t"), bytes(0x04, 0x00)))))));
        assertTrue(export.getMessage().contains("unknown tag 0"), export.getMessage());
        Wasm.load(module(VOID_TYPE, ONE_FUNCTION, section(10, vec(bytes(4, 1, 1, 0x69, 0x0B)))));
    }

    @Test
    void memory64LimitsAreSupported() {
        assertTrue(Wasm.load(module(section(5, vec(bytes(0x04, 1))))).memories().get(0).is64());
        assertTrue(Wasm.load(module(section(5, vec(bytes(0x05, 1, 2))))).memories().get(0).is64());
        assertTrue(Wasm.load(module(section(4, vec(bytes(0x70, 0x04, 1))))).tables().get(0).is64());
        // Flags that no spec defines stay malformed, with the 2.0 suite's phrase.
        assertMalformed(module(section(5, vec(bytes(0x02, 1)))), 11, "integer too large");
        assertMalformed(module(section(5, vec(bytes(0x08, 1)))), 11, "integer too large");
        assertMalformed(module(section(4, vec(bytes(0x70, 0x03, 1, 2)))), 12, "integer too large");
    }

    @Test
    void multiMemoryIsSupported() {
        byte[] twoMemories = section(5, vec(bytes(0, 1), bytes(0, 1)));
        assertEquals(2, Wasm.load(module(twoMemories)).memories().size());
        byte[] imported = section(2, vec(cat(name("m"), name("a"), bytes(0x02, 0, 1)),
                cat(name("m"), name("b"), bytes(0x02, 0, 1))));
        assertEquals(2, Wasm.load(module(imported)).memories().size());
        // A memarg whose flags announce a memory index (bit 6): i32.load with memory 0 named explicitly.
        Built m = function(bytes(0x41, 0x00, 0x28, 0x42, 0x00, 0x00, 0x1A), ONE_MEMORY);
        Wasm.load(m.bytes());
        // Memory 1 does not exist.
        Built unknown = function(bytes(0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1A), ONE_MEMORY);
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(unknown.bytes()));
        assertEquals("unknown memory 1", e.reason());
    }

    @Test
    void typedFunctionReferencesAreSupported() {
        // (ref null $0) as a parameter; instructions in TypedFunctionReferencesTest.
        byte[] wasm = module(section(1, vec(bytes(0x60, 1, 0x63, 0x00, 0))));
        Wasm.load(wasm);
        // A table with an initializer expression.
        Wasm.load(module(section(4, vec(cat(bytes(0x40, 0x00, 0x70, 0x00, 0x01), bytes(0xD0, 0x70, 0x0B))))));
        // A heap type no spec defines.
        assertMalformed(module(section(1, vec(bytes(0x60, 1, 0x63, 0x40, 0)))), 14, "malformed heap type");
    }

    @Test
    void gc() {
        // A recursive group holding a struct type with one mutable i32 field, an array of i8: supported (their
        // instructions in GcInstructionsTest), and so is an array of mutable v128 (GcV128FieldsTest).
        byte[] rec = bytes(0x4E, 0x01, 0x5F, 0x01, 0x7F, 0x01);
        Wasm.load(module(section(1, vec(bytes(0x60, 0, 0), rec))));
        Wasm.load(module(section(1, vec(bytes(0x5E, 0x78, 0x00)))));
        Wasm.load(module(section(1, vec(bytes(0x5E, 0x7B, 0x01)))));
        // Recursive groups and sub types of function types are supported.
        Wasm.load(module(section(1, vec(bytes(0x50, 0x00, 0x60, 0, 0), bytes(0x4E, 0x01, 0x60, 0, 0)))));
        // Decoded to the end: a bad mutability after a GC type is malformed (3.0's binary-gc.wast).
        assertMalformed(module(section(1, vec(bytes(0x5E, 0x7F, 0x02)))), 13, "malformed mutability");
        assertMalformed(module(section(1, vec(bytes(0x5F, 0x01, 0x7F, 0x00), bytes(0x61)))), 15,
                "malformed function type");
        Wasm.load(function(bytes(0x41, 0x00, 0xFB, 0x1C, 0x1A)).bytes());
        Built m = function(bytes(0xFB, 0x1F));
        assertMalformed(m.bytes(), m.codeStart(), "illegal opcode 0xfb");
        // ref.eq of two funcrefs: valid GC, but funcref is no eqref.
        byte[] notEq = function(bytes(0xD0, 0x70, 0xD0, 0x70, 0xD3, 0x1A)).bytes();
        assertThrows(InvalidModuleException.class, () -> Wasm.load(notEq));
        Wasm.load(module(VOID_TYPE, ONE_FUNCTION, section(10, vec(bytes(4, 1, 1, 0x6E, 0x0B)))));
    }

    @Test
    void threads() {
        Built m = function(bytes(0xFE, 0x03, 0x00), ONE_MEMORY);
        assertUnsupported(m.bytes(), Feature.THREADS, m.codeStart(), "instruction 0xfe 3");
        assertUnsupported(module(section(5, vec(bytes(0x03, 1, 2)))), Feature.THREADS, 11, "shared memory");
        m = function(bytes(0xFE, 0x04), ONE_MEMORY);
        assertMalformed(m.bytes(), m.codeStart(), "illegal opcode 0xfe");
    }

    @Test
    void bytesNoSpecDefinesStayIllegal() {
        for (int b : new int[] {0x16, 0x17, 0x27, 0xC5, 0xFF}) {
            Built m = function(bytes(b));
            assertMalformed(m.bytes(), m.codeStart(), String.format("illegal opcode 0x%02x", b));
        }
        Built refNull = function(bytes(0xD0, 0x7F, 0x1A));
        assertMalformed(refNull.bytes(), refNull.codeStart() + 1, "malformed reference type");
        assertMalformed(module(section(14, vec())), 8, "malformed section id");
        assertMalformed(module(section(2, vec(cat(name("m"), name("t"), bytes(0x05))))), 15, "malformed import kind");
    }

    @Test
    void firstUseWinsAcrossFunctions() {
        // An invalid body, then a SIMD one: the invalid one is reported, since nothing before it is unsupported.
        byte[] wasm = module(VOID_TYPE, section(3, vec(bytes(0), bytes(0))),
                section(10, vec(bytes(3, 0, 0x1A, 0x0B), cat(bytes(20, 0, 0xFD, 0x0C), new byte[16], bytes(0x0B)))));
        assertThrows(InvalidModuleException.class, () -> Wasm.load(wasm));
    }
}
