package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged DWARF degrades to less or no source info with a warning, never to an exception or a wrong crash. */
class DamagedDwarfTest {
    static Stream<String> tiny() {
        return Fixtures.TINY.stream();
    }

    @ParameterizedTest
    @MethodSource("tiny")
    void everyTruncationOfEverySectionWarnsOrChangesNothing(String fixture) {
        WasmModule module = Fixtures.load(fixture);
        String intact = answers(SourceMap.of(module), module, new ArrayList<>());
        assertTrue(intact.contains("tiny.c"), "the intact fixture has source info");
        int truncations = 0;
        for (int s = 0; s < module.customSections().size(); s++) {
            CustomSection section = module.customSections().get(s);
            if (!section.name().startsWith(".debug_")) {
                continue;
            }
            for (int length = 0; length < section.payloadLength(); length++) {
                List<CustomSection> sections = new ArrayList<>(module.customSections());
                sections.set(s, new CustomSection(section.name(), section.sectionOffset(), section.payloadOffset(),
                        length));
                WasmModule cut = Fixtures.withCustomSections(module, sections);
                SourceMap map = SourceMap.of(cut);
                List<String> warnings = new ArrayList<>();
                String answers = answers(map, cut, warnings);
                String where = section.name() + " cut to " + length + " bytes";
                assertNoInternalError(warnings, where);
                assertTrue(!warnings.isEmpty() || answers.equals(intact), where + ": changed answers, no warning");
                truncations++;
            }
        }
        assertTrue(truncations > 500, "truncations tried: " + truncations);
    }

    @ParameterizedTest
    @MethodSource("tiny")
    void randomCorruptionNeverThrows(String fixture) {
        corrupt(fixture, 1000);
    }

    @Test
    void randomCorruptionOfALargeModuleNeverThrows() {
        corrupt("prog-O2-dwarf5.wasm", 40);
    }

    @Test
    void aWholeSectionOfGarbageGivesNoSourceInfoAndAWarning() {
        WasmModule module = Fixtures.load("tiny-O2-dwarf5.wasm");
        byte[] bytes = module.bytes().clone();
        for (CustomSection s : module.customSections()) {
            if (s.name().equals(".debug_line")) {
                for (int i = 0; i < s.payloadLength(); i++) {
                    bytes[s.payloadOffset() + i] = (byte) 0xff;
                }
            }
        }
        WasmModule broken = Fixtures.withBytes(module, bytes);
        SourceMap map = SourceMap.of(broken);
        FunctionBody body = broken.bodies().get(0);
        assertTrue(map.locate(body.bodyOffset()).isEmpty());
        assertFalse(map.resolve("tiny.c", Fixtures.markerLine("tiny.c", "TINY_LOOP")).resolved());
        assertTrue(map.warning().orElseThrow().contains(".debug_line"), map.warning().toString());
    }

    private static void corrupt(String fixture, int rounds) {
        WasmModule module = Fixtures.load(fixture);
        List<CustomSection> dwarf = module.customSections().stream()
                .filter(s -> s.name().startsWith(".debug_")).toList();
        Random random = new Random(fixture.hashCode());
        int warned = 0;
        for (int round = 0; round < rounds; round++) {
            byte[] bytes = module.bytes().clone();
            int flips = 1 + random.nextInt(4);
            StringBuilder what = new StringBuilder(fixture + " round " + round + ":");
            for (int f = 0; f < flips; f++) {
                CustomSection s = dwarf.get(random.nextInt(dwarf.size()));
                int at = s.payloadOffset() + random.nextInt(s.payloadLength());
                bytes[at] = (byte) random.nextInt(256);
                what.append(' ').append(s.name()).append('+').append(at - s.payloadOffset());
            }
            WasmModule damaged = Fixtures.withBytes(module, bytes);
            List<String> warnings = new ArrayList<>();
            answers(SourceMap.of(damaged), damaged, warnings);
            assertNoInternalError(warnings, what.toString());
            warned += warnings.isEmpty() ? 0 : 1;
        }
        assertTrue(warned > 0, "some corruption must be noticed");
    }

    /** Bugs surface as JDK exceptions caught at the boundary; damage only as DwarfFormatException's messages. */
    private static void assertNoInternalError(List<String> warnings, String where) {
        for (String w : warnings) {
            assertFalse(w.contains("java.lang."), where + ": " + w);
        }
    }

    /** Every query's answers at every code byte, as text to compare. */
    private static String answers(SourceMap map, WasmModule module, List<String> warnings) {
        StringBuilder out = new StringBuilder();
        int start = module.codeSectionOffset();
        int end = module.bodies().get(module.bodies().size() - 1).endOffset();
        int stride = Math.max(1, (end - start) / 400);
        for (int offset = start; offset <= end; offset += stride) {
            out.append(offset).append(map.locate(offset)).append(map.inlinedChain(offset))
                    .append(map.functionName(offset)).append(map.lineRanges(offset)).append('\n');
        }
        for (int line = 0; line < 25; line++) {
            out.append(map.resolve("tiny.c", line)).append(map.resolve("mathutil.h", line)).append('\n');
        }
        out.append(map.sourceFiles());
        warnings.addAll(map.warnings());
        assertEquals(map.warnings().isEmpty(), map.warning().isEmpty());
        return out.toString();
    }
}
