package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import org.junit.jupiter.api.Test;

import static dev.trapdoor.engine.binary.Bin.bytes;
import static dev.trapdoor.engine.binary.Bin.cat;
import static dev.trapdoor.engine.binary.Bin.i32Const;
import static dev.trapdoor.engine.binary.Bin.module;
import static dev.trapdoor.engine.binary.Bin.name;
import static dev.trapdoor.engine.binary.Bin.section;
import static dev.trapdoor.engine.binary.Bin.u32;
import static dev.trapdoor.engine.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Malformed modules built by hand: the phrase, and the exact module offset reported. */
class MalformedModuleTest {
    private static void assertMalformed(byte[] wasm, int moduleOffset, String reason) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(wasm));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(moduleOffset, e.moduleOffset(), e.getMessage());
    }

    @Test
    void header() {
        assertMalformed(bytes(0x00, 0x61, 0x73), 3, "unexpected end");
        assertMalformed(bytes(0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0), 0, "magic header not detected");
        assertMalformed(bytes(0x00, 0x61, 0x73, 0x6D, 1, 0), 6, "unexpected end");
        assertMalformed(bytes(0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0), 4, "unknown binary version");
    }

    @Test
    void sectionFraming() {
        assertMalformed(module(bytes(14, 0)), 8, "malformed section id");
        // Id 13 is 3.0's tag section: an empty one has not even its count.
        assertMalformed(module(bytes(13, 0)), 10, "unexpected end of section or function");
        assertMalformed(module(bytes(1, 5, 0)), 9, "length out of bounds");
        // Type section of 2 bytes holding a 1-byte empty vector: one byte left over.
        assertMalformed(module(bytes(1, 2, 0, 0)), 11, "section size mismatch");
        // Type count 1, but the section ends at the module's end.
        assertMalformed(module(bytes(1, 1, 1)), 11, "unexpected end of section or function");
        // Same, with a section following: the read ran into it.
        assertMalformed(module(bytes(1, 1, 1), section(11, vec())), 11, "section size mismatch");
    }

    @Test
    void sectionOrderAndDuplicates() {
        byte[] type = section(1, vec());
        byte[] memory = section(5, vec());
        assertMalformed(module(memory, type), 8 + memory.length, "unexpected content after last section");
        assertMalformed(module(type, type), 8 + type.length, "unexpected content after last section");
        // Data count (id 12) belongs before code (id 10).
        assertMalformed(module(section(10, vec()), section(12, u32(0))), 11, "unexpected content after last section");
    }

    @Test
    void typesAndKinds() {
        assertMalformed(module(section(1, vec(bytes(0x61, 0, 0)))), 11, "malformed function type");
        assertMalformed(module(section(1, vec(bytes(0x60, 1, 0x40, 0)))), 13, "malformed value type");
        assertMalformed(module(section(2, vec(cat(name("a"), name("b"), bytes(5))))), 15, "malformed import kind");
        assertMalformed(module(section(2, vec(cat(name("a"), name("b"), bytes(3, 0x7F, 2))))), 17,
                "malformed mutability");
        assertMalformed(module(section(4, vec(bytes(0x7F, 0, 0)))), 11, "malformed reference type");
        assertMalformed(module(section(7, vec(cat(name("e"), bytes(5, 0))))), 13, "malformed export kind");
    }

    @Test
    void limitsFlags() {
        assertMalformed(module(section(5, vec(bytes(0x02, 0)))), 11, "integer too large");
        assertMalformed(module(section(5, vec(bytes(0x81, 0x00, 0)))), 11, "integer representation too long");
        assertMalformed(module(section(4, vec(bytes(0x70, 0x03, 0, 0)))), 12, "integer too large");
    }

    @Test
    void constantExpressions() {
        // Illegal opcode inside a global initializer.
        assertMalformed(module(section(6, vec(bytes(0x7F, 0, 0x41, 0, 0x17, 0x0B)))), 15, "illegal opcode");
        // No end before the section does.
        assertMalformed(module(section(6, vec(bytes(0x7F, 0, 0x41, 0)))), 15, "unexpected end of section or function");
        // A nested block's end does not end the expression.
        assertMalformed(module(section(6, vec(bytes(0x7F, 0, 0x02, 0x40, 0x0B)))), 16,
                "unexpected end of section or function");
    }

    @Test
    void segments() {
        assertMalformed(module(section(9, vec(bytes(8)))), 11, "malformed elements segment kind");
        assertMalformed(module(section(9, vec(cat(bytes(1, 0x01), vec())))), 12, "malformed element kind");
        assertMalformed(module(section(9, vec(cat(bytes(5, 0x7F), vec())))), 12, "malformed reference type");
        assertMalformed(module(section(11, vec(bytes(3)))), 11, "malformed data segment kind");
        // A data segment claiming more bytes than its section holds.
        assertMalformed(module(section(11, vec(cat(bytes(1), u32(5), bytes(1, 2))))), 15,
                "unexpected end of section or function");
    }

    @Test
    void codeEntries() {
        byte[][] oneFunction = Bin.voidFunctions(1);
        int code = 8 + oneFunction[0].length + oneFunction[1].length;
        // Offsets below: code + 1 size, + 2 count, + 3 entry size, + 4 first byte of the entry.
        // Last byte is not end, and nothing follows: reported at the entry's end.
        assertMalformed(module(cat(oneFunction), section(10, vec(bytes(2, 0, 0x01)))), code + 6,
                "unexpected end of section or function");
        // Another entry follows.
        byte[][] twoFunctions = Bin.voidFunctions(2);
        int code2 = 8 + twoFunctions[0].length + twoFunctions[1].length;
        assertMalformed(module(twoFunctions[0], twoFunctions[1],
                section(10, vec(bytes(2, 0, 0x01), bytes(2, 0, 0x0B)))), code2 + 6, "END opcode expected");
        // Another section follows.
        assertMalformed(module(cat(oneFunction), section(10, vec(bytes(2, 0, 0x01))), section(11, vec())), code + 6,
                "section size mismatch");
        // An entry with no instructions at all.
        assertMalformed(module(cat(oneFunction), section(10, vec(bytes(1, 0)))), code + 5,
                "unexpected end of section or function");
        // Entry size beyond its section: reported at the section's end.
        assertMalformed(module(cat(oneFunction), section(10, vec(bytes(9, 0, 0x0B)))), code + 6,
                "unexpected end of section or function");
    }

    @Test
    void tooManyLocalsIsRejectedBeforeAllocating() {
        byte[][] oneFunction = Bin.voidFunctions(1);
        int code = 8 + oneFunction[0].length + oneFunction[1].length;
        byte[] sum2to32 = cat(vec(cat(u32(0xFFFF_FFFFL), bytes(0x7F)), cat(u32(1), bytes(0x7E))), bytes(0x0B));
        assertMalformed(module(cat(oneFunction), section(10, vec(cat(u32(sum2to32.length), sum2to32)))),
                code + 4, "too many locals");
        byte[] overLimit = cat(vec(cat(u32(CodeSectionReader.MAX_LOCALS + 1L), bytes(0x7F))), bytes(0x0B));
        assertMalformed(module(cat(oneFunction), section(10, vec(cat(u32(overLimit.length), overLimit)))),
                code + 4, "too many locals");
        byte[] atLimit = cat(vec(cat(u32(CodeSectionReader.MAX_LOCALS), bytes(0x7F))), bytes(0x0B));
        assertEquals(CodeSectionReader.MAX_LOCALS, ModuleDecoder.decode(module(cat(oneFunction),
                section(10, vec(cat(u32(atLimit.length), atLimit))))).body(0).locals().length);
    }

    @Test
    void crossSectionCounts() {
        byte[][] twoFunctions = Bin.voidFunctions(2);
        int code = 8 + twoFunctions[0].length + twoFunctions[1].length + 2;
        assertMalformed(module(twoFunctions[0], twoFunctions[1], Bin.emptyBodies(1)), code,
                "function and code section have inconsistent lengths");
        assertMalformed(module(twoFunctions[0], twoFunctions[1]), 8 + twoFunctions[0].length + twoFunctions[1].length,
                "function and code section have inconsistent lengths");
        byte[] dataCount = section(12, u32(2));
        byte[] data = section(11, vec(cat(bytes(1), u32(0))));
        assertMalformed(module(dataCount, data), 8 + dataCount.length + 2,
                "data count and data section have inconsistent lengths");
        assertMalformed(module(dataCount), 8 + dataCount.length,
                "data count and data section have inconsistent lengths");
    }

    @Test
    void names() {
        assertMalformed(module(section(0, u32(2), bytes(0xC0, 0x80))), 11, "malformed UTF-8 encoding");
        assertMalformed(module(section(2, vec(cat(u32(3), bytes(0xED, 0xA0, 0x80), name("x"), bytes(0, 0))))), 12,
                "malformed UTF-8 encoding");
        // Reported where the name's bytes were to start.
        assertMalformed(module(section(0, u32(5), bytes('a'))), 11, "unexpected end of section or function");
    }

    @Test
    void leb128() {
        assertMalformed(module(section(8, bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00))), 14,
                "integer representation too long");
        assertMalformed(module(section(8, bytes(0x80, 0x80, 0x80, 0x80, 0x10))), 14, "integer too large");
        assertMalformed(module(section(6, vec(cat(bytes(0x7F, 0), bytes(0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x0B))))),
                18, "integer too large");
        assertMalformed(module(section(6, vec(cat(bytes(0x7F, 0), i32Const(0))), bytes(0))), 8 + 2 + 6,
                "section size mismatch");
    }
}
