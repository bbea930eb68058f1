package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The priming module that {@link Priming} runs beside a tiered guest: the binary in the engine's jar is its source's
 * translation, and it runs pass after pass without trapping (a trap would end priming) and computes what the
 * compiled tier computes, so that the interpreter runs it as the spec says.
 */
class PrimingTest {
    private static final int PASSES = 5;

    @Test
    void theBinaryIsTheSourcesTranslation() throws IOException {
        String source;
        try (InputStream in = PrimingTest.class.getResourceAsStream("priming.wat")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] expected = Wat.compile("priming.wat", source).binary();
        if (!Arrays.equals(expected, Priming.binary())) {
            Path out = Path.of("target", "priming.wasm");
            Files.write(out, expected);
            fail("engine/src/main/resources/dev/trapdoor/engine/exec/priming.wasm is not priming.wat's translation: "
                    + "copy " + out.toAbsolutePath() + " there");
        }
    }

    @Test
    void passesRunAndAgreeWithTheCompiledTier() {
        Priming interpreted = Priming.load();
        long[] expected = new long[PASSES];
        for (int i = 0; i < PASSES; i++) {
            expected[i] = interpreted.pass(Priming.ITERATIONS + i);
        }
        assertArrayEquals(expected, compiledPasses());
        assertNotEquals(expected[0], expected[1], "each pass changes the module's globals");
    }

    private static long[] compiledPasses() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        FunctionInstance id = store.hostFunction("id", FuncType.of(new ValType[] {ValType.I64},
                new ValType[] {ValType.I64}), (caller, args) -> new long[] {args[0]});
        Instance inst = store.instantiate(Wasm.load(Priming.binary()), (m, n) -> id);
        long[] results = new long[PASSES];
        for (int i = 0; i < PASSES; i++) {
            results[i] = inst.invoke("prime", Priming.ITERATIONS + i)[0];
        }
        return results;
    }
}
