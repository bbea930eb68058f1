package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel, at -O2 and -O0, gives the same checksum on Trapdoor as on Chicory's interpreter and compiler, and
 * that checksum is the one the same C computes natively (kernels.properties). Small inputs: this runs in every
 * {@code mvn verify}.
 */
class DifferentialTest {
    static List<Arguments> kernels() {
        List<Arguments> out = new ArrayList<>();
        for (String workload : Kernels.workloads()) {
            for (String opt : Kernels.OPT_LEVELS) {
                out.add(Arguments.of(workload, opt));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("kernels")
    void sameChecksumOnEveryEngine(String workload, String opt) {
        byte[] wasm = Kernels.wasm(workload, opt);
        int n = Kernels.n(workload, "test");
        int expected = Kernels.expected(workload, "test");
        for (Engine engine : Engine.values()) {
            Kernel kernel = engine.load(wasm);
            assertEquals(expected, kernel.run(n), engine.id + " on " + workload + "-" + opt);
            // A second call on the same instance must agree too: the steady-state benchmarks rely on it.
            assertEquals(expected, kernel.run(n), engine.id + " on " + workload + "-" + opt + ", second call");
        }
        Kernel exact = TrapdoorKernel.load(wasm, dev.trapdoor.engine.exec.EngineConfig.DEFAULT.withTranslation(
                dev.trapdoor.engine.exec.TranslationLevel.EXACT));
        assertEquals(expected, exact.run(n), "exact translation on " + workload + "-" + opt);
    }

    /** The start-up benchmark's 1 MB module runs too, and alike on Trapdoor and Chicory's interpreter. */
    @org.junit.jupiter.api.Test
    void theLargeModuleAgreesAcrossEngines() {
        byte[] wasm = Kernels.wasm(LargeModuleBenchmark.WORKLOAD, "O0");
        int trapdoor = Engine.TRAPDOOR.load(wasm).run(3000);
        assertEquals(Engine.CHICORY_INT.load(wasm).run(3000), trapdoor);
    }
}
