package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CodeOffsets;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathsAndOffsetsTest {
    @Test
    void pathMappingRewritesWholeSegmentsWithTheLongestPrefix() {
        PathMapping m = PathMapping.NONE.with("/build", "/home/a").with("/build/lib/", "/opt/lib");
        assertEquals("/home/a/main.c", m.toLocal("/build/main.c"));
        assertEquals("/opt/lib/x.c", m.toLocal("/build/lib/x.c"));
        assertEquals("/buildx/main.c", m.toLocal("/buildx/main.c"));
        assertEquals("/other/main.c", PathMapping.NONE.toLocal("/other/main.c"));
    }

    @Test
    void joinedPathsLoseDotSegmentsButKeepDotDot() {
        assertEquals("/build/trapdoor/mathutil.h", SourcePaths.join("/build/trapdoor", "./mathutil.h"));
        assertEquals("/abs/x.h", SourcePaths.join("/build", "/abs/x.h"));
        assertEquals("build/libc/crt1.c", SourcePaths.join("./build", "./libc/crt1.c"));
        assertEquals("/a/../b.c", SourcePaths.join("/a/", "../b.c"));
    }

    @Test
    void codeOffsetsCountFromTheCodeSectionContents() {
        WasmModule module = Fixtures.load("tiny-O2-dwarf5.wasm");
        CodeOffsets offsets = CodeOffsets.of(module);
        int base = module.codeSectionOffset();
        int end = module.bodies().get(module.bodies().size() - 1).endOffset();
        assertEquals(base + 5, offsets.toModuleOffset(5));
        assertEquals(5, offsets.toCodeOffset(base + 5));
        assertEquals(end - base, offsets.codeSize());
        assertFalse(offsets.isCode(0), "offset 0 is the function count (and the old tombstone)");
        assertFalse(offsets.isCode(0xffff_ffffL), "the -1 tombstone");
        assertTrue(offsets.isCode(end - base));
        assertEquals(-1, offsets.toModuleOffset(end - base + 1));
        assertEquals(-1, offsets.toCodeOffset(base - 1));
    }
}
