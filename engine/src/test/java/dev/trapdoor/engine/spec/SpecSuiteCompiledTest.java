package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/** The whole spec suite with every function compiled to JVM bytecode before it first runs. */
class SpecSuiteCompiledTest extends SpecSuiteTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED);
    }

    @Override
    String configurationName() {
        return " (compiled)";
    }
}
