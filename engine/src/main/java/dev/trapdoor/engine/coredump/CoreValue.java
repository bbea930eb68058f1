package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.model.ValType;

/**
 * A local or operand in a coredump frame: an i32, i64, f32 or f64 in the engine's slot representation (i32
 * sign-extended, floats as raw bits), or a missing value ({@code type == null}). The format has no encoding for v128
 * and reference values, so those are written as missing.
 */
public record CoreValue(ValType type, long bits) {
    public static final CoreValue MISSING = new CoreValue(null, 0);

    /** A value of {@code type}; a type the format cannot hold becomes {@link #MISSING}. */
    public static CoreValue of(ValType type, long bits) {
        return switch (type) {
            case I32 -> new CoreValue(ValType.I32, (int) bits);
            case I64, F64 -> new CoreValue(type, bits);
            case F32 -> new CoreValue(ValType.F32, bits & 0xFFFF_FFFFL);
            default -> MISSING;
        };
    }

    public boolean missing() {
        return type == null;
    }
}
