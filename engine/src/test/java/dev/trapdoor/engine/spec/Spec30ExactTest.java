package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.TranslationLevel;

/** The 3.0 suite at the exact translation level (no aliases, forwarding or fusion). */
class Spec30ExactTest extends Spec30ConfigurationTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT);
    }

    @Override
    String configurationName() {
        return " (exact translation)";
    }
}
