package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inlined chains and function names at every line-table address, against {@code llvm-symbolizer-14 --inlining}, and
 * specifically at every DW_TAG_inlined_subroutine that llvm-dwarfdump-14 lists.
 */
class SymbolizerCrossCheckTest {
    private static final Pattern INLINED_LOW_PC = Pattern.compile(
            "DW_TAG_inlined_subroutine\\s*\\n(?:\\s+DW_AT_\\w+\\s*\\([^\\n]*\\)\\s*\\n)*?\\s+DW_AT_low_pc\\s*\\((0x[0-9a-f]+)\\)");

    static Stream<String> fixtures() {
        return Stream.concat(Fixtures.PROGRAMS.stream(), Fixtures.TINY.stream());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void chainsMatchSymbolizerAtEveryRow(String fixture) {
        WasmModule module = Fixtures.load(fixture);
        SourceMap map = SourceMap.of(module);
        LineTable table = map.lineTable();
        TreeSet<Long> addresses = new TreeSet<>();
        for (int row = 0; row < table.size(); row++) {
            if (!table.endsSequence(row)) {
                addresses.add((long) table.codeOffset(row));
            }
        }
        int compared = compare(fixture, map, module, new ArrayList<>(addresses));
        assertTrue(compared * 2 >= addresses.size(), "too few addresses compared: " + compared);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void chainsMatchSymbolizerInsideEveryInlinedSubroutine(String fixture) {
        String info = Fixtures.run("llvm-dwarfdump-14", "--debug-info", Fixtures.path(fixture).toString());
        List<Long> addresses = new ArrayList<>();
        Matcher m = INLINED_LOW_PC.matcher(info);
        while (m.find()) {
            addresses.add(Long.decode(m.group(1)));
        }
        if (fixture.contains("O2")) {
            assertTrue(addresses.size() > 0, "an -O2 fixture must inline something: " + fixture);
        }
        WasmModule module = Fixtures.load(fixture);
        SourceMap map = SourceMap.of(module);
        compare(fixture, map, module, addresses);
        for (long address : addresses) {
            List<SourceFrame> chain = map.inlinedChain(module.codeSectionOffset() + (int) address);
            assertTrue(chain.size() >= 2 && chain.get(0).inlined() && !chain.get(chain.size() - 1).inlined(),
                    "inlined subroutine at 0x" + Long.toHexString(address) + " gives " + chain);
        }
    }

    private static int compare(String fixture, SourceMap map, WasmModule module, List<Long> addresses) {
        List<String> command = new ArrayList<>(List.of("llvm-symbolizer-14", "--obj=" + Fixtures.path(fixture),
                "--inlining", "--functions=short"));
        for (long a : addresses) {
            command.add("0x" + Long.toHexString(a));
        }
        String out = Fixtures.run(command.toArray(String[]::new));
        String[] blocks = out.strip().split("\\n\\s*\\n");
        assertEquals(addresses.size(), blocks.length, "one symbolizer block per address");
        int compared = 0;
        for (int i = 0; i < blocks.length; i++) {
            String[] lines = blocks[i].strip().split("\\n");
            if (lines[0].equals("??")) {
                continue; // llvm knows no function there; the map may still name it from the name section
            }
            int moduleOffset = module.codeSectionOffset() + addresses.get(i).intValue();
            List<SourceFrame> chain = map.inlinedChain(moduleOffset);
            String where = fixture + " at code offset 0x" + Long.toHexString(addresses.get(i));
            assertEquals(lines.length / 2, chain.size(), where + ": " + chain + " vs\n" + blocks[i]);
            for (int f = 0; f < chain.size(); f++) {
                SourceFrame frame = chain.get(f);
                assertEquals(lines[2 * f], frame.function(), where);
                String location = lines[2 * f + 1];
                int c2 = location.lastIndexOf(':');
                int c1 = location.lastIndexOf(':', c2 - 1);
                assertEquals(normalize(location.substring(0, c1)), normalize(frame.file()), where);
                assertEquals(Integer.parseInt(location.substring(c1 + 1, c2)), frame.line(), where);
                assertEquals(Integer.parseInt(location.substring(c2 + 1)), frame.column(), where);
                assertEquals(f < chain.size() - 1, frame.inlined(), where);
            }
            assertEquals(lines[lines.length - 2], map.functionName(moduleOffset).orElseThrow(), where);
            compared++;
        }
        return compared;
    }

    /** The symbolizer prints paths as joined ({@code ./build/./x.c}); the map drops the {@code .} segments. */
    private static String normalize(String path) {
        return path.replaceAll("(^|/)(\\./)+", "$1");
    }
}
