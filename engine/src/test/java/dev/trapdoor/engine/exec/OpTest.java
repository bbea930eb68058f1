package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The comparison algebra the translator relies on when it fuses and flips comparisons. */
class OpTest {
    private static final int[] SAMPLES = {Integer.MIN_VALUE, -7, -1, 0, 1, 2, 7, Integer.MAX_VALUE};

    @Test
    void negationIsTheOppositeOutcomeAndMirrorSwapsOperands() {
        for (int k = 0; k < 10; k++) {
            for (int a : SAMPLES) {
                for (int b : SAMPLES) {
                    boolean holds = Interpreter.compare(k, a, b);
                    assertEquals(!holds, Interpreter.compare(Op.negate(k), a, b), "negate " + k);
                    assertEquals(holds, Interpreter.compare(Op.mirror(k), b, a), "mirror " + k);
                }
            }
        }
    }

    @Test
    void comparisonIndicesFollowTheWasmOpcodes() {
        // 0x46 eq ... 0x4f ge_u, as the interpreter's own i32 comparison cases compute them.
        assertEquals(true, Interpreter.compare(0x49 - 0x46, 1, -1), "lt_u: 1 < 0xffffffff");
        assertEquals(false, Interpreter.compare(0x48 - 0x46, 1, -1), "lt_s: 1 < -1 is false");
        assertEquals(true, Interpreter.compare(0x4F - 0x46, -1, 1), "ge_u");
    }
}
