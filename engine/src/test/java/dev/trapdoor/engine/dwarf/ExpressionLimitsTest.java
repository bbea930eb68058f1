package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C expressions from a client are parsed by recursion: 100,000 nested parentheses answered a StackOverflowError
 * (issue 26). Deep nesting and overlong texts are now errors for a person, quickly.
 */
class ExpressionLimitsTest {
    private static EvaluationException evaluate(String expression) throws IOException {
        WasmModule module = dev.trapdoor.engine.Wasm.load(Files.readAllBytes(Path.of("../examples/debugme.wasm")));
        SourceVariables vars = SourceMap.of(module).variables();
        FunctionBody body = module.bodies().get(module.bodies().size() / 2);
        return assertThrows(EvaluationException.class, () -> vars.evaluator().evaluate(expression,
                body.bodyOffset(), new FakeMachineState(1 << 16)));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        for (String nested : new String[]{"(".repeat(4_900) + "1" + ")".repeat(4_900), "-".repeat(9_000) + "1",
                "!~".repeat(4_000) + "1", "(int)".repeat(1_900) + "1"}) {
            String message = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                    () -> evaluate(nested).getMessage());
            assertTrue(message.contains("nested deeper than " + ExpressionParser.MAX_DEPTH), message);
        }
    }

    @Test
    void anOverlongExpressionIsRefused() {
        String message = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> evaluate("(".repeat(100_000) + "1" + ")".repeat(100_000)).getMessage());
        assertTrue(message.contains("over the limit of " + Evaluator.MAX_LENGTH), message);
    }

    @Test
    void moderateNestingStillWorks() throws IOException {
        // Errors about the variable, not the nesting: the parser got through 150 levels.
        String message = evaluate("(".repeat(150) + "no_such_variable" + ")".repeat(150)).getMessage();
        assertTrue(message.contains("no_such_variable"), message);
    }
}
