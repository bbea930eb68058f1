package dev.trapdoor.engine.spec;

/**
 * The 3.0 suite in a configuration other than the plain interpreter. Leaves out the SIMD folders, whose scripts the
 * 2.0 suite already runs in every configuration.
 */
abstract class Spec30ConfigurationTest extends Spec30SuiteTest {
    @Override
    boolean runs(String relative) {
        return !relative.startsWith("core/simd/") && !relative.startsWith("core/relaxed-simd/");
    }
}
