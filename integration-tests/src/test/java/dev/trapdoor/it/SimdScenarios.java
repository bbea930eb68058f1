package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vector code over DAP on {@code examples/simd.c} built with {@code wasm_simd128.h} ({@code simd-intrin.wasm}):
 * stopped in the vectorized dot-product loop, the C vector variable shows its elements, a v128 Wasm local shows a
 * hex summary and lanes by shape, lanes and whole values can be set, and {@code $N.i32x4[k]} reads a lane.
 */
abstract class SimdScenarios {
    static final Path SIMD_C = Trapdoor.example("simd.c");
    static final Path SIMD_INTRIN = Trapdoor.example("simd-intrin.wasm");

    abstract DapClient open() throws Exception;

    /** The line of simd.c holding the comment marker (the same {@code /* BP_... *}{@code /} the engine tests use). */
    static int markerLine(String marker) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(SIMD_C);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("/* " + marker + " */")) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker + " in " + SIMD_C);
    }

    @Test
    void readsAndSetsLanesInAVectorizedLoop() throws Exception {
        try (DapClient c = open()) {
            SourceBreakpoint bp = new SourceBreakpoint();
            bp.setLine(markerLine("BP_DOT"));
            c.start(DapClient.launchArgs(SIMD_INTRIN), () -> {
                try {
                    assertTrue(c.setBreakpoints(SIMD_C, bp).getBreakpoints()[0].isVerified());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            // At -O3 the loop is unrolled four times: at its test of i, acc holds 16 elements' products.
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            assertEquals("dot", top.getName());

            // The C vector: its four elements, equal to what C expressions read.
            Variable acc = DapClient.variable(c.scope(top.getId(), "Locals"), "acc");
            Variable[] elements = c.children(acc.getVariablesReference(), null, null);
            assertEquals(4, elements.length, acc.getValue());
            String lane0 = c.evaluate("as[0] * bs[0] + as[4] * bs[4] + as[8] * bs[8] + as[12] * bs[12]", top.getId(),
                    "watch").getResult();
            assertEquals(lane0, elements[0].getValue(), "acc[0] sums every fourth product");

            // A v128 Wasm local: hex summary, views by shape, lanes.
            Variable[] wasmLocals = c.scope(top.getId(), "Wasm Locals");
            Variable v128 = Arrays.stream(wasmLocals).filter(v -> "v128".equals(v.getType())).findFirst()
                    .orElseThrow(() -> new AssertionError("no v128 local in " + List.of(wasmLocals)));
            assertTrue(v128.getValue().matches("0x[0-9a-f]{32}"), v128.getValue());
            Variable[] views = c.children(v128.getVariablesReference(), null, null);
            assertEquals(List.of("i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"),
                    Arrays.stream(views).map(Variable::getName).toList());
            Variable i32x4 = DapClient.variable(views, "i32x4");
            Variable[] lanes = c.children(i32x4.getVariablesReference(), null, null);
            assertEquals(4, lanes.length);
            String lane2 = lanes[2].getValue();
            assertEquals(lane2, c.evaluate(lanes[2].getEvaluateName(), top.getId(), "watch").getResult());
            String hex = v128.getValue();
            long low = Long.parseUnsignedLong(hex.substring(18), 16);
            assertEquals(Integer.toString((int) (Long.parseUnsignedLong(hex.substring(2, 18), 16))), lane2,
                    "lane 2 is the low half of the high 8 bytes");
            assertEquals(Integer.toString((int) low), lanes[0].getValue());

            // Set one lane, then the whole value; the summary and the lane expression follow.
            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(i32x4.getVariablesReference());
            set.setName("[1]");
            set.setValue("77");
            SetVariableResponse changed = DapClient.get(c.server.setVariable(set));
            assertEquals("77", changed.getValue());
            assertEquals("77", c.evaluate(lanes[1].getEvaluateName(), top.getId(), "watch").getResult());
            SetVariableArguments whole = new SetVariableArguments();
            whole.setVariablesReference(c.scopeRef(top.getId(), "Wasm Locals"));
            whole.setName(v128.getName());
            whole.setValue("i32x4 1 2 3 4");
            assertEquals("0x00000004000000030000000200000001", DapClient.get(c.server.setVariable(whole)).getValue());
            assertEquals("3", c.evaluate(lanes[2].getEvaluateName(), top.getId(), "watch").getResult());
            c.cont();
        }
    }
}
