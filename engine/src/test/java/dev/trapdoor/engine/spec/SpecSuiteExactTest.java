package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.TranslationLevel;

/**
 * The whole spec suite at the exact translation level: no aliases, forwarding or fusion, one translated instruction
 * per Wasm instruction. The engine must be correct with its optimizer off, not only with it on.
 */
class SpecSuiteExactTest extends SpecSuiteTest {
    @Override
    EngineConfig config() {
        return EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT);
    }

    @Override
    String configurationName() {
        return " (interpreter, exact translation)";
    }
}
