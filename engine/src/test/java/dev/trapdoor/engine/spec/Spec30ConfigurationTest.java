package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.Tier;

/**
 * The 3.0 suite in a configuration other than the plain interpreter. Relaxed SIMD runs everywhere (no 2.0 copy). The
 * SIMD folder runs only in the configurations without a debugger that compile (compiled, tiny chunks, tiered): its
 * scripts are the 2.0 suite's, which every configuration runs, plus a few 3.0 additions, so running them in every
 * configuration would about double CI's time for little.
 */
abstract class Spec30ConfigurationTest extends Spec30SuiteTest {
    @Override
    boolean runs(String relative) {
        if (relative.startsWith("core/simd/")) {
            return config().tier() != Tier.INTERPRETER && debugMode() == SpecDebugMode.NONE;
        }
        return true;
    }
}
