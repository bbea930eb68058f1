package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/** The 3.0 suite tiered (threshold 2) with a debugger attached and idle, reading every frame at each trap. */
class Spec30TieredIdleDebuggerTest extends Spec30ConfigurationTest {
    @Override
    SpecDebugMode debugMode() {
        return SpecDebugMode.IDLE;
    }

    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2);
    }

    @Override
    String configurationName() {
        return " (tiered, threshold 2, idle debugger)";
    }
}
