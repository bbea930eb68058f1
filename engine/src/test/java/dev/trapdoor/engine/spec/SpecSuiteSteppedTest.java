package dev.trapdoor.engine.spec;

/** The whole spec suite single-stepped: every event is answered with a step into the next instruction. */
class SpecSuiteSteppedTest extends SpecSuiteTest {
    @Override
    SpecDebugMode debugMode() {
        return SpecDebugMode.STEP;
    }
}
