package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.ValType;

/** Value types as small ints on the validator's operand stack; {@link #UNKNOWN} stands for any type in dead code. */
final class Types {
    static final int UNKNOWN = 0;
    static final int I32 = 1;
    static final int I64 = 2;
    static final int F32 = 3;
    static final int F64 = 4;
    static final int V128 = 5;
    static final int FUNCREF = 6;
    static final int EXTERNREF = 7;
    static final int EXNREF = 8;

    private static final ValType[] BY_CODE = {null, ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
            ValType.FUNCREF, ValType.EXTERNREF, ValType.EXNREF};

    private Types() {
    }

    static int of(ValType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            case FUNCREF -> FUNCREF;
            case EXTERNREF -> EXTERNREF;
            case EXNREF -> EXNREF;
        };
    }

    static boolean isRef(int t) {
        return t == FUNCREF || t == EXTERNREF || t == EXNREF;
    }

    static boolean isNum(int t) {
        return t >= I32 && t <= V128;
    }

    static ValType toValType(int t) {
        return BY_CODE[t];
    }

    static String name(int t) {
        return t == UNKNOWN ? "unknown" : BY_CODE[t].toString();
    }
}
