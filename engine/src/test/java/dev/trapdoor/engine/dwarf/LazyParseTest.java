package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Making a map reads nothing; the first query reads what it needs. Timings are logged, not asserted: wall-clock
 * limits make tests flaky, while the parse counter proves the property that keeps start-up fast.
 */
class LazyParseTest {
    private static final int FUNCTIONS = 220_000;

    @Test
    void aLargeModuleIsParsedOnFirstQueryNotOnCreation() {
        long t0 = System.nanoTime();
        byte[] bytes = SyntheticModule.build(FUNCTIONS);
        long t1 = System.nanoTime();
        WasmModule module = Wasm.load(bytes);
        long t2 = System.nanoTime();
        SourceMap map = SourceMap.of(module);
        boolean hasDwarf = map.hasDwarf();
        long t3 = System.nanoTime();
        assertTrue(hasDwarf);
        assertEquals(0, map.parseCount(), "SourceMap.of and hasDwarf must read no DWARF");

        int k = FUNCTIONS - 7;
        int moduleOffset = module.codeSectionOffset() + (int) SyntheticModule.lowPc(FUNCTIONS, k)
                + 3 * SyntheticModule.ROW_STRIDE + 1;
        SourceLocation first = map.locate(moduleOffset).orElseThrow();
        long t4 = System.nanoTime();
        int afterLocate = map.parseCount();
        String name = map.functionName(moduleOffset).orElseThrow();
        long t5 = System.nanoTime();
        SourceLocation again = map.locate(moduleOffset + 8).orElseThrow();
        long t6 = System.nanoTime();

        assertEquals(new SourceLocation("/synthetic/big.c", 10 * k + 4, 0, true), first);
        assertEquals(10 * k + 5, again.line());
        assertEquals("f" + k, name);
        assertTrue(afterLocate > 0, "the first query parses");
        assertEquals(List.of(), map.warnings());
        int parses = map.parseCount();
        map.locate(moduleOffset);
        map.functionName(moduleOffset);
        assertEquals(parses, map.parseCount(), "later queries reuse what was parsed");

        System.out.printf("[dwarf timing] module %.1f MB (%d functions): build %d ms, Wasm.load %d ms, "
                        + "SourceMap.of %.3f ms, first locate (unit index + line table) %d ms, "
                        + "first functionName (DIE tree) %d ms, next locate %.3f ms%n",
                bytes.length / 1e6, FUNCTIONS, ms(t1 - t0), ms(t2 - t1), (t3 - t2) / 1e6, ms(t4 - t3),
                ms(t5 - t4), (t6 - t5) / 1e6);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    @Test
    void fixtureMapsCountTheirStagesSeparately() {
        SourceMap map = SourceMap.of(Fixtures.load("prog-O2-dwarf5.wasm"));
        assertEquals(0, map.parseCount());
        map.sourceFiles();
        int lineStages = map.parseCount();
        assertEquals(2, lineStages, "unit index and line table; no DIE tree yet");
        int at = map.resolve("main.c", Fixtures.markerLine("main.c", "DIVIDE")).moduleOffsets().get(0);
        assertEquals(lineStages, map.parseCount());
        map.inlinedChain(at);
        assertTrue(map.parseCount() > lineStages, "the inlined chain reads a unit's DIE tree");
    }
}
