package dev.trapdoor.engine.validate;

import static dev.trapdoor.engine.validate.Types.F32;
import static dev.trapdoor.engine.validate.Types.F64;
import static dev.trapdoor.engine.validate.Types.I32;
import static dev.trapdoor.engine.validate.Types.I64;

/**
 * Operand and result types of the numeric instructions (opcodes 0x45-0xC4, and the saturating truncations), which
 * have no immediates and fixed signatures, so one table validates them all.
 */
final class NumericSignatures {
    /** Per opcode: operand count (1 or 2), operand type, result type; 0 operands means "not numeric". */
    private static final int[] ARITY = new int[256];
    private static final int[] OPERAND = new int[256];
    private static final int[] RESULT = new int[256];

    static {
        unary(0x45, 0x45, I32, I32);
        binary(0x46, 0x4F, I32, I32);
        unary(0x50, 0x50, I64, I32);
        binary(0x51, 0x5A, I64, I32);
        binary(0x5B, 0x60, F32, I32);
        binary(0x61, 0x66, F64, I32);
        unary(0x67, 0x69, I32, I32);
        binary(0x6A, 0x78, I32, I32);
        unary(0x79, 0x7B, I64, I64);
        binary(0x7C, 0x8A, I64, I64);
        unary(0x8B, 0x91, F32, F32);
        binary(0x92, 0x98, F32, F32);
        unary(0x99, 0x9F, F64, F64);
        binary(0xA0, 0xA6, F64, F64);
        unary(0xA7, 0xA7, I64, I32);
        unary(0xA8, 0xA9, F32, I32);
        unary(0xAA, 0xAB, F64, I32);
        unary(0xAC, 0xAD, I32, I64);
        unary(0xAE, 0xAF, F32, I64);
        unary(0xB0, 0xB1, F64, I64);
        unary(0xB2, 0xB3, I32, F32);
        unary(0xB4, 0xB5, I64, F32);
        unary(0xB6, 0xB6, F64, F32);
        unary(0xB7, 0xB8, I32, F64);
        unary(0xB9, 0xBA, I64, F64);
        unary(0xBB, 0xBB, F32, F64);
        unary(0xBC, 0xBC, F32, I32);
        unary(0xBD, 0xBD, F64, I64);
        unary(0xBE, 0xBE, I32, F32);
        unary(0xBF, 0xBF, I64, F64);
        unary(0xC0, 0xC1, I32, I32);
        unary(0xC2, 0xC4, I64, I64);
    }

    private NumericSignatures() {
    }

    private static void unary(int from, int to, int operand, int result) {
        for (int op = from; op <= to; op++) {
            ARITY[op] = 1;
            OPERAND[op] = operand;
            RESULT[op] = result;
        }
    }

    private static void binary(int from, int to, int operand, int result) {
        unary(from, to, operand, result);
        for (int op = from; op <= to; op++) {
            ARITY[op] = 2;
        }
    }

    static boolean isNumeric(int opcode) {
        return opcode < 256 && ARITY[opcode] != 0;
    }

    static int arity(int opcode) {
        return ARITY[opcode];
    }

    static int operand(int opcode) {
        return OPERAND[opcode];
    }

    static int result(int opcode) {
        return RESULT[opcode];
    }

    /** Operand type of saturating truncation {@code 0xFC sub} for sub 0..7. */
    static int satOperand(int sub) {
        return (sub & 2) == 0 ? F32 : F64;
    }

    static int satResult(int sub) {
        return sub < 4 ? I32 : I64;
    }
}
