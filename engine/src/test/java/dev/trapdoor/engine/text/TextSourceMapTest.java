package dev.trapdoor.engine.text;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.dwarf.OffsetRange;
import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.dwarf.TextLines;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text positions answer the source map's queries the way a DWARF line table does. */
class TextSourceMapTest {
    private static final String PROG = """
            (module
              (func $helper (param $x i32) (result i32)
                local.get $x
                i32.const 1
                i32.add)
              (func $main (export "main") (result i32)
                i32.const 41
                call $helper))
            """;

    private final Wat.Result compiled = Wat.compile("/src/prog.wat", PROG);
    private final WasmModule module = Wasm.load(compiled.binary());
    private final SourceMap map = SourceMap.of(module, new TextLines("/src/prog.wat",
            compiled.positions().moduleOffsets(), compiled.positions().lines(), compiled.positions().columns()));

    @Test
    void breakpointsResolveToTheInstructionsOfALine() {
        BreakpointResolution r = map.resolve("prog.wat", 4);
        assertEquals(List.of(compiled.positions().offsetsOnLine(4).get(0)), r.moduleOffsets());
        // A line without code moves to the next line that has some.
        BreakpointResolution blank = map.resolve("prog.wat", 6);
        assertEquals(7, blank.line());
    }

    @Test
    void framesShowTheFunctionNameAndTextPosition() {
        int call = compiled.positions().offsetsOnLine(8).get(0);
        List<SourceFrame> frames = map.inlinedChain(call);
        assertEquals(1, frames.size());
        assertEquals("main", frames.get(0).function());
        assertEquals("/src/prog.wat", frames.get(0).file());
        assertEquals(8, frames.get(0).line());
        assertEquals(5, frames.get(0).column());
        assertTrue(map.hasDwarf(), "text lines count as source lines");
    }

    @Test
    void lineRangesCoverOneTextLine() {
        int add = compiled.positions().offsetsOnLine(5).get(0);
        List<OffsetRange> ranges = map.lineRanges(add);
        assertEquals(1, ranges.size());
        assertEquals(add, ranges.get(0).startModuleOffset());
        assertFalse(ranges.get(0).endModuleOffset() <= add);
    }
}
