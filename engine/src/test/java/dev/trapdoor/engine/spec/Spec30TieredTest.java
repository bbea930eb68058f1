package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/** The 3.0 suite tiered with a threshold of two calls: interpreted and compiled frames mix. */
class Spec30TieredTest extends Spec30ConfigurationTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2);
    }

    @Override
    String configurationName() {
        return " (tiered, threshold 2)";
    }
}
