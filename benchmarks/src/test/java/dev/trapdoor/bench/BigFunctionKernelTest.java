package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BigFunctionCpuRun}'s premise: both builds of {@code bigvm} give the natively computed checksum in every tier
 * and at the budgets it measures, its one-function build needs about ten chunks at the default budget, and in the
 * split build every function fits one.
 */
class BigFunctionKernelTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one", "split"})
    void sameChecksumAsNative(String variant) {
        byte[] wasm = BigFunctionCpuRun.wasm(variant);
        int n = Kernels.n(BigFunctionCpuRun.WORKLOAD, "test");
        int expected = Kernels.expected(BigFunctionCpuRun.WORKLOAD, "test");
        for (Tier tier : Tier.values()) {
            assertEquals(expected, TrapdoorKernel.load(wasm, tier).run(n), variant + " in " + tier);
        }
        for (int budget : new int[]{EngineConfig.MAX_CHUNK_BUDGET, 1_000}) {
            Kernel kernel = TrapdoorKernel.load(wasm, EngineConfig.DEFAULT.withTier(Tier.COMPILED)
                    .withChunkBudget(budget));
            assertEquals(expected, kernel.run(n), variant + " compiled at budget " + budget);
        }
    }

    @Test
    void oneFunctionOfAboutTenChunksAgainstFunctionsOfOne() {
        int oneChunks = BigFunctionCpuRun.runChunkSizes(BigFunctionCpuRun.wasm("one"),
                EngineConfig.DEFAULT_CHUNK_BUDGET).length;
        assertTrue(oneChunks >= 8 && oneChunks <= 14, "run of the one-function build: " + oneChunks + " chunks");
        assertEquals(1, BigFunctionCpuRun.mostChunks(BigFunctionCpuRun.wasm("split"),
                EngineConfig.DEFAULT_CHUNK_BUDGET));
    }
}
