package dev.trapdoor.engine.spec;


/** The 3.0 suite with a debug handler attached that continues on every event. */
class Spec30UnderDebuggerTest extends Spec30ConfigurationTest {
    @Override
    SpecDebugMode debugMode() {
        return SpecDebugMode.CONTINUE;
    }

    @Override
    String configurationName() {
        return " (CONTINUE)";
    }
}
