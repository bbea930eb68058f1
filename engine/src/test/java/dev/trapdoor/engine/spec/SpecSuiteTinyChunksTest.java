package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/**
 * The whole spec suite compiled with a chunk budget so small that almost every instruction ends a chunk: every
 * chunk exit, entry and frame hand-over runs thousands of times.
 */
class SpecSuiteTinyChunksTest extends SpecSuiteTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64);
    }

    @Override
    String configurationName() {
        return " (compiled, 64-byte chunks)";
    }
}
