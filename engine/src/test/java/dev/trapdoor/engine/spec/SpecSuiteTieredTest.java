package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/**
 * The whole spec suite in the tiered mode with a threshold of two calls: functions move to compiled code in the
 * background while a script runs, so interpreted and compiled frames call each other in every combination.
 */
class SpecSuiteTieredTest extends SpecSuiteTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2);
    }

    @Override
    String configurationName() {
        return " (tiered, threshold 2)";
    }
}
