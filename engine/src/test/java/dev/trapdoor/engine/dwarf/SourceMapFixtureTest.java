package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries on the C fixtures; lines come from marker comments in the sources, never from hard-coded numbers. */
class SourceMapFixtureTest {
    static Stream<String> programs() {
        return Fixtures.PROGRAMS.stream();
    }

    @ParameterizedTest
    @MethodSource("programs")
    void everySequenceStartsJustAfterABodySizeFieldAndEndsWithTheBody(String fixture) {
        WasmModule module = Fixtures.load(fixture);
        LineTable table = SourceMap.of(module).lineTable();
        int checked = 0;
        for (int row = 0; row < table.size(); row++) {
            if (row != table.sequenceStart(row)) {
                continue;
            }
            int start = module.codeSectionOffset() + table.codeOffset(row);
            int end = module.codeSectionOffset() + table.codeOffset(table.sequenceEnd(row));
            FunctionBody body = module.bodies().stream()
                    .filter(b -> b.entryOffset() <= start && start < b.endOffset()).findFirst().orElseThrow();
            assertEquals(body.entryOffset() + lebLength(module.bytes(), body.entryOffset()), start,
                    "sequence start vs size field of the body at " + body.entryOffset());
            assertTrue(start < body.bodyOffset(), "locals declarations come before the first instruction");
            assertEquals(body.endOffset(), end, "sequence end is the body's end");
            checked++;
        }
        assertTrue(checked > 10, "sequences checked: " + checked);
    }

    private static int lebLength(byte[] bytes, int at) {
        int n = 1;
        while ((bytes[at + n - 1] & 0x80) != 0) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @MethodSource("programs")
    void breakpointOnALineWithCodeStaysThereAndEveryOffsetMapsBack(String fixture) {
        WasmModule module = Fixtures.load(fixture);
        SourceMap map = SourceMap.of(module);
        int line = Fixtures.markerLine("main.c", "BP_MAIN_FIRST");
        BreakpointResolution bp = map.resolve("main.c", line);
        assertTrue(bp.resolved(), bp.toString());
        assertFalse(bp.moved());
        assertEquals(line, bp.line());
        assertEquals("/build/trapdoor/main.c", bp.file());
        for (int offset : bp.moduleOffsets()) {
            SourceLocation at = map.locate(offset).orElseThrow();
            assertEquals(line, at.line());
            assertTrue(at.isStmt());
            assertEquals("/build/trapdoor/main.c", at.file());
        }
        assertEquals(expectedOffsets(fixture, module, "main.c", line), bp.moduleOffsets());
    }

    /**
     * From dwarfdump's rows: each is_stmt row of the line, in a file named {@code file}, whose previous row in the
     * sequence is on another line.
     */
    private static List<Integer> expectedOffsets(String fixture, WasmModule module, String file, int line) {
        String dump = Fixtures.run("llvm-dwarfdump-14", "--debug-line", Fixtures.path(fixture).toString());
        List<Integer> offsets = new ArrayList<>();
        for (List<Fixtures.DumpRow> seq : Fixtures.dumpSequences(fixture)) {
            for (int i = 0; i < seq.size(); i++) {
                Fixtures.DumpRow r = seq.get(i);
                boolean runStart = i == 0 || seq.get(i - 1).line() != line || seq.get(i - 1).file() != r.file();
                if (r.line() == line && r.isStmt() && !r.endSequence() && runStart
                        && file.equals(fileName(dump, r.programOffset(), r.file()))) {
                    offsets.add(module.codeSectionOffset() + (int) r.address());
                }
            }
        }
        offsets.sort(null);
        return offsets;
    }

    /** The name of file {@code index} in the dumped table of the program at {@code programOffset}. */
    private static String fileName(String dump, long programOffset, int index) {
        int at = dump.indexOf("debug_line[0x" + String.format("%08x", programOffset) + "]");
        int next = dump.indexOf("debug_line[", at + 1);
        String program = dump.substring(at, next < 0 ? dump.length() : next);
        Matcher m = Pattern.compile("file_names\\[\\s*" + index + "\\]:\\s*\\n\\s*name: \"([^\"]*)\"").matcher(program);
        return m.find() ? m.group(1) : null;
    }

    @ParameterizedTest
    @MethodSource("programs")
    void breakpointOnALineWithoutCodeMovesToTheNextLineWithCode(String fixture) {
        SourceMap map = SourceMap.of(Fixtures.load(fixture));
        BreakpointResolution bp = map.resolve("main.c", Fixtures.markerLine("main.c", "NO_CODE"));
        assertTrue(bp.resolved(), bp.toString());
        assertTrue(bp.moved());
        assertEquals(Fixtures.markerLine("main.c", "BP_AFTER_BLANK"), bp.line());
    }

    @Test
    void fileMayBeAFullPathASuffixABaseNameOrAMappedLocalPath() {
        WasmModule module = Fixtures.load("prog-O0.wasm");
        int line = Fixtures.markerLine("mathutil.c", "SUM_LOOP");
        List<Integer> byBase = SourceMap.of(module).resolve("mathutil.c", line).moduleOffsets();
        assertFalse(byBase.isEmpty());
        assertEquals(byBase, SourceMap.of(module).resolve("/build/trapdoor/mathutil.c", line).moduleOffsets());
        assertEquals(byBase, SourceMap.of(module).resolve("trapdoor/mathutil.c", line).moduleOffsets());
        assertEquals(byBase, SourceMap.of(module).resolve("C:\\work\\checkout\\mathutil.c", line).moduleOffsets());
        SourceMap mapped = SourceMap.of(module, PathMapping.NONE.with("/build/trapdoor", "/home/me/trapdoor"));
        BreakpointResolution local = mapped.resolve("/home/me/trapdoor/mathutil.c", line);
        assertEquals(byBase, local.moduleOffsets());
        assertEquals("/home/me/trapdoor/mathutil.c", local.file());
        assertEquals("/home/me/trapdoor/mathutil.c", mapped.locate(byBase.get(0)).orElseThrow().file());
        assertFalse(SourceMap.of(module).resolve("nosuchfile.c", line).resolved());
        assertFalse(SourceMap.of(module).resolve("main.c", 100_000).resolved());
    }

    @ParameterizedTest
    @MethodSource("programs")
    void headerFunctionLinesResolveInTheHeader(String fixture) {
        SourceMap map = SourceMap.of(Fixtures.load(fixture));
        int line = Fixtures.markerLine("mathutil.h", "CLAMP_LO");
        BreakpointResolution bp = map.resolve("mathutil.h", line);
        assertTrue(bp.resolved(), bp.toString());
        assertEquals("/build/trapdoor/mathutil.h", bp.file());
        assertTrue(map.sourceFiles().containsAll(List.of("/build/trapdoor/main.c", "/build/trapdoor/mathutil.c",
                "/build/trapdoor/mathutil.h")), map.sourceFiles().toString());
    }

    @ParameterizedTest
    @MethodSource("programs")
    void lineRangesCoverExactlyTheRowsOfTheLineInItsSequence(String fixture) {
        WasmModule module = Fixtures.load(fixture);
        SourceMap map = SourceMap.of(module);
        int line = Fixtures.markerLine("main.c", "BP_MAIN_FIRST");
        int at = map.resolve("main.c", line).moduleOffsets().get(0);
        List<OffsetRange> ranges = map.lineRanges(at);
        assertTrue(ranges.stream().anyMatch(r -> r.contains(at)));
        LineTable table = map.lineTable();
        int row = table.rowAt(at - module.codeSectionOffset());
        int lastLine = 0;
        for (int r = table.sequenceStart(row); r < table.sequenceEnd(row); r++) {
            lastLine = table.line(r) == 0 ? lastLine : table.line(r);
            int offset = module.codeSectionOffset() + table.codeOffset(r);
            boolean inRanges = ranges.stream().anyMatch(x -> x.contains(offset));
            boolean zeroLength = table.codeOffset(r) == table.codeOffset(r + 1);
            if (!zeroLength) {
                assertEquals(lastLine == line && table.file(r) == table.file(row), inRanges,
                        "row " + r + " line " + table.line(r) + " in " + ranges);
            }
        }
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(ranges.get(i - 1).endModuleOffset() < ranges.get(i).startModuleOffset(), "merged, sorted");
        }
    }

    @Test
    void functionNamesComeFromSubprogramsAndInlinedCodeBelongsToItsRealFunction() {
        SourceMap o0 = SourceMap.of(Fixtures.load("prog-O0.wasm"));
        int divide = o0.resolve("main.c", Fixtures.markerLine("main.c", "DIVIDE")).moduleOffsets().get(0);
        assertEquals("divide", o0.functionName(divide).orElseThrow());
        assertEquals(1, o0.inlinedChain(divide).size());

        SourceMap o2 = SourceMap.of(Fixtures.load("prog-O2-dwarf5.wasm"));
        int inlinedDivide = o2.resolve("main.c", Fixtures.markerLine("main.c", "DIVIDE")).moduleOffsets().get(0);
        List<SourceFrame> chain = o2.inlinedChain(inlinedDivide);
        assertEquals(List.of("divide", "main"), chain.stream().map(SourceFrame::function).toList());
        assertEquals(Fixtures.markerLine("main.c", "CALL_DIVIDE"), chain.get(1).line(), "call-site line");
        assertEquals("main", o2.functionName(inlinedDivide).orElseThrow());
    }

    @Test
    void withoutDwarfFunctionNamesComeFromTheNameSection() {
        WasmModule full = Fixtures.load("prog-O0.wasm");
        List<CustomSection> noDwarf = full.customSections().stream()
                .filter(s -> !s.name().startsWith(".debug_")).toList();
        WasmModule stripped = Fixtures.withCustomSections(full, noDwarf);
        SourceMap map = SourceMap.of(stripped);
        assertFalse(map.hasDwarf());
        int funcIndex = full.importedFunctionCount() + 3;
        FunctionBody body = full.body(funcIndex);
        String expected = map.names().functionNames().get(funcIndex);
        assertTrue(expected != null && !expected.isEmpty());
        assertEquals(expected, map.functionName(body.bodyOffset()).orElseThrow());
        assertTrue(map.locate(body.bodyOffset()).isEmpty());
        assertTrue(map.inlinedChain(body.bodyOffset()).isEmpty());
        assertTrue(map.warnings().isEmpty());
    }
}
