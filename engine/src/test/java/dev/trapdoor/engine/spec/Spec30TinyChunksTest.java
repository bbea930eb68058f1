package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;

/** The 3.0 suite compiled in 64-byte chunks, so almost every instruction ends a chunk. */
class Spec30TinyChunksTest extends Spec30ConfigurationTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64);
    }

    @Override
    String configurationName() {
        return " (compiled, 64-byte chunks)";
    }
}
