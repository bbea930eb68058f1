package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;

/**
 * Value types as ints on the validator's operand stack: the {@link TypeCode}s, and {@link #UNKNOWN} for any type in
 * dead code.
 */
final class Types {
    static final int UNKNOWN = 0;
    static final int I32 = TypeCode.I32;
    static final int I64 = TypeCode.I64;
    static final int F32 = TypeCode.F32;
    static final int F64 = TypeCode.F64;
    static final int V128 = TypeCode.V128;
    static final int FUNCREF = TypeCode.FUNCREF;
    static final int EXTERNREF = TypeCode.EXTERNREF;
    static final int EXNREF = TypeCode.EXNREF;

    private Types() {
    }

    static int of(ValType t) {
        return TypeCode.of(t);
    }

    static boolean isRef(int t) {
        return TypeCode.isRef(t);
    }

    static boolean isNum(int t) {
        return t >= I32 && t <= V128;
    }

    /** The kind of type {@code t}, or null where unknown. */
    static ValType toValType(int t) {
        return t == UNKNOWN ? null : TypeCode.kind(t);
    }

    static String name(int t) {
        return t == UNKNOWN ? "unknown" : TypeCode.text(t);
    }
}
