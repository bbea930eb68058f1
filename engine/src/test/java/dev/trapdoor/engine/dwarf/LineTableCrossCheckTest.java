package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The row table must equal what llvm-dwarfdump-14 decodes from the same line programs, row by row. */
class LineTableCrossCheckTest {
    static Stream<String> fixtures() {
        return Stream.concat(Fixtures.PROGRAMS.stream(), Fixtures.TINY.stream());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rowsMatchDwarfdump(String fixture) {
        List<List<Fixtures.DumpRow>> sequences = new ArrayList<>(Fixtures.dumpSequences(fixture));
        assertFalse(sequences.isEmpty(), "dwarfdump printed no rows for " + fixture);
        // The table keeps sequences in address order; dwarfdump prints them in program order.
        sequences.sort(Comparator.comparingLong(s -> s.get(0).address()));
        List<Fixtures.DumpRow> expected = sequences.stream().flatMap(List::stream).toList();

        WasmModule module = Fixtures.load(fixture);
        SourceMap map = SourceMap.of(module);
        LineTable table = map.lineTable();
        assertTrue(map.warnings().isEmpty(), map.warnings().toString());
        assertEquals(expected.size(), table.size(), "row count");
        for (int i = 0; i < expected.size(); i++) {
            Fixtures.DumpRow want = expected.get(i);
            String at = fixture + " row " + i + " " + want;
            assertEquals(want.address(), table.codeOffset(i), at);
            assertEquals(want.line(), table.line(i), at);
            assertEquals(want.column(), table.column(i), at);
            assertEquals(want.isStmt(), table.isStmt(i), at);
            assertEquals(want.endSequence(), table.endsSequence(i), at);
            SourceFile file = table.sourceFiles().get(table.file(i));
            assertEquals(want.programOffset(), file.programOffset(), at);
            assertEquals(want.file(), file.index(), at);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void dwarf5FixturesReallyUseVersion5LineTables(String fixture) {
        String dump = Fixtures.run("llvm-dwarfdump-14", "--debug-line", Fixtures.path(fixture).toString());
        // Guards the fixture set itself: both line-table versions must stay covered.
        boolean v5 = dump.contains("version: 5");
        assertEquals(fixture.contains("dwarf5"), v5, fixture);
    }
}
