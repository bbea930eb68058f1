package dev.trapdoor.engine.spec;

/** The whole spec suite with a debug handler attached that continues on every event. */
class SpecSuiteUnderDebuggerTest extends SpecSuiteTest {
    @Override
    SpecDebugMode debugMode() {
        return SpecDebugMode.CONTINUE;
    }
}
