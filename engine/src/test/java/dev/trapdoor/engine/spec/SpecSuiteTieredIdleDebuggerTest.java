package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/**
 * The whole spec suite tiered (threshold 2) with a debugger attached and idle: compiled and interpreted frames mix,
 * and every trap reaches the handler, which reads every frame, whichever tier the frames ran in.
 */
class SpecSuiteTieredIdleDebuggerTest extends SpecSuiteTest {
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
