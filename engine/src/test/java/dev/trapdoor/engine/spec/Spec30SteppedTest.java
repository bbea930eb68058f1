package dev.trapdoor.engine.spec;


/** The 3.0 suite single-stepped: every event is answered with a step into the next instruction. */
class Spec30SteppedTest extends Spec30ConfigurationTest {
    @Override
    SpecDebugMode debugMode() {
        return SpecDebugMode.STEP;
    }

    @Override
    String configurationName() {
        return " (STEP)";
    }
}
