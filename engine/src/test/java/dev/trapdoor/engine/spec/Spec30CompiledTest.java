package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/** The 3.0 suite with every function compiled before it first runs. */
class Spec30CompiledTest extends Spec30ConfigurationTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED);
    }

    @Override
    String configurationName() {
        return " (compiled)";
    }
}
