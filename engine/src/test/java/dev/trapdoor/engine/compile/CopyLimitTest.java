package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CopyLimit}: with header copies and the tail shape on, a function whose copies take it past
 * {@code -Dtrapdoor.jit.copyChunks} chunks, or that copied its header nowhere, is translated exactly as with both
 * off; one within the limit keeps its copies; and results and traps equal the interpreter's with the limit cutting in.
 */
class CopyLimitTest {
    private static final String LIMIT = "trapdoor.jit.copyChunks";
    private static final int BUDGET = 2400;
    private static final int TAIL_MARK = 23130;

    private static final WasmModule VM = Wasm.load(Wabt.wat(ReducibleCopiesTest.module(60)));

    @RegisterExtension
    final Switches switches = Switches.kept(LIMIT).set("trapdoor.jit.headerCopies", "true")
            .set("trapdoor.jit.tailBranches", "true");

    private static CompiledClass compile(int budget) {
        return JvmCompiler.compile(new ModuleContext(VM), 0, budget, "dev/trapdoor/engine/exec/Jit$L");
    }

    private static CompiledClass withoutCopies(int budget) {
        System.clearProperty("trapdoor.jit.headerCopies");
        System.clearProperty("trapdoor.jit.tailBranches");
        try {
            return compile(budget);
        } finally {
            System.setProperty("trapdoor.jit.headerCopies", "true");
            System.setProperty("trapdoor.jit.tailBranches", "true");
        }
    }

    @Test
    void aFunctionPastTheLimitIsTranslatedAsWithoutCopiesOneWithinItKeepsThem() {
        CompiledClass copied = compile(BUDGET);
        CompiledClass plain = withoutCopies(BUDGET);
        assertTrue(copied.chunkCount() > plain.chunkCount(), copied.chunkCount() + " against " + plain.chunkCount());
        assertTrue(ChunkMarks.chunksPushing(copied, TAIL_MARK).size() > 2, "copies of the tail with no limit");

        System.setProperty(LIMIT, Integer.toString(copied.chunkCount()));
        CompiledClass within = compile(BUDGET);
        assertArrayEquals(copied.chunkSizes(), within.chunkSizes());
        assertTrue(ChunkMarks.chunksPushing(within, TAIL_MARK).size() > 2, "copies of the tail within the limit");

        System.setProperty(LIMIT, Integer.toString(copied.chunkCount() - 1));
        CompiledClass past = compile(BUDGET);
        assertArrayEquals(plain.chunkSizes(), past.chunkSizes());
        assertEquals(plain.classes().length, past.classes().length);
        for (int i = 0; i < plain.classes().length; i++) {
            assertArrayEquals(plain.classes()[i], past.classes()[i], "class " + i);
        }
        assertFalse(CopyLimit.without(), "the second translation's setting ends with it");
    }

    @Test
    void aFunctionInOneChunkIsTranslatedAsWithoutCopies() {
        int budget = EngineConfig.MAX_CHUNK_BUDGET;
        CompiledClass recorded = compile(budget);
        CompiledClass plain = withoutCopies(budget);
        assertEquals(1, plain.chunkCount());
        // Recording the header made its targets' ends entries, for copies that no later chunk holds.
        assertTrue(recorded.chunkSizes()[0] > plain.chunkSizes()[0], recorded.chunkSizes()[0] + " bytes");
        System.setProperty(LIMIT, "16");
        CompiledClass limited = compile(budget);
        assertArrayEquals(plain.chunkSizes(), limited.chunkSizes());
        assertArrayEquals(plain.classes()[0], limited.classes()[0]);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {300, 1200, 2400})
    void resultsAndTrapsEqualTheInterpretersWithTheLimitCuttingIn(int budget) {
        System.setProperty(LIMIT, "2");
        EngineConfig compiled = EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
        long[][] cases = {{0, 50, 1024 + 4 * 50, 0}, {5, 37, 4096, 0}, {0, 40, 65532 + 80, 0}, {8, 40, 4096, 0},
                {8, 40, 4096, 65530}};
        int traps = 0;
        for (long[] args : cases) {
            Trap interpreted = null;
            long[] expected = null;
            try {
                expected = new Store(EngineConfig.DEFAULT).instantiate(VM, ImportResolver.NONE).invoke("outer", args);
            } catch (Trap t) {
                interpreted = t;
            }
            var instance = new Store(compiled).instantiate(VM, ImportResolver.NONE);
            if (interpreted == null) {
                assertArrayEquals(expected, instance.invoke("outer", args));
            } else {
                Trap inCompiled = assertThrows(Trap.class, () -> instance.invoke("outer", args));
                assertSameTrap(interpreted, inCompiled);
                traps++;
            }
        }
        assertTrue(traps >= 2, "traps: " + traps);
    }
}
