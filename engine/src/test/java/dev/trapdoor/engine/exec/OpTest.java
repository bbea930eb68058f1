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

    @Test
    void fusedComparisonsAgreeWithJavasOperators() {
        for (int k = 0; k < 10; k++) {
            for (int a : SAMPLES) {
                for (int b : SAMPLES) {
                    boolean expected = switch (k) {
                        case 0 -> a == b;
                        case 1 -> a != b;
                        case 2 -> a < b;
                        case 3 -> Integer.compareUnsigned(a, b) < 0;
                        case 4 -> a > b;
                        case 5 -> Integer.compareUnsigned(a, b) > 0;
                        case 6 -> a <= b;
                        case 7 -> Integer.compareUnsigned(a, b) <= 0;
                        case 8 -> a >= b;
                        default -> Integer.compareUnsigned(a, b) >= 0;
                    };
                    assertEquals(expected, Interpreter.compare(k, a, b), k + " " + a + " " + b);
                }
            }
        }
    }

    @Test
    void effectiveAddressFaultsExactlyWhenTheUnsignedSumReaches2To31() {
        int[] samples = {0, 1, 4, 0x7FFF_FFF0, Integer.MAX_VALUE, Integer.MIN_VALUE, -4, -1, 65536};
        for (int base : samples) {
            for (int offset : samples) {
                long sum = (base & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
                int ea = Interpreter.ea(base, offset);
                if (sum < (1L << 31)) {
                    assertEquals(sum, ea, base + " + " + offset);
                } else {
                    assertEquals(true, ea < 0, base + " + " + offset + " must fault, got " + ea);
                }
            }
        }
    }
}
