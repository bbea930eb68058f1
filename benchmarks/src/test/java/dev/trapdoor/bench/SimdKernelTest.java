package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trapdoor.engine.exec.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD kernel pair gives the natively computed checksum in every Trapdoor tier, scalar build and vector build
 * alike (so {@link SimdBenchmark} compares two correct programs).
 */
class SimdKernelTest {
    @ParameterizedTest(name = "vec-{0}")
    @ValueSource(strings = {"O3", "O3-simd128"})
    void sameChecksumAsNativeInEveryTier(String build) {
        byte[] wasm = Kernels.wasm("vec", build);
        int n = Kernels.n("vec", "test");
        int expected = Kernels.expected("vec", "test");
        for (Tier tier : Tier.values()) {
            Kernel kernel = TrapdoorKernel.load(wasm, tier);
            assertEquals(expected, kernel.run(n), "vec-" + build + " in " + tier);
            assertEquals(expected, kernel.run(n), "vec-" + build + " in " + tier + ", second call");
        }
    }
}
