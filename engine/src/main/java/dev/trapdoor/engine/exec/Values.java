package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.ValType;

/**
 * Conversions between Java values and the engine's {@code long} slot representation. Inside the interpreter an i32
 * (or f32) slot is defined by its low 32 bits only: {@code i32.wrap_i64} leaves the i64's high bits in place, so
 * every i32 consumer casts to {@code int} (or masks) first. Whatever leaves the interpreter (results, host
 * arguments, globals, debugger views) goes through {@link #normalize}.
 */
public final class Values {
    /** The null reference, for both {@code funcref} and {@code externref}. */
    public static final long NULL_REF = -1L;

    private Values() {
    }

    public static long i32(int v) {
        return v;
    }

    public static long f32(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    public static long f64(double v) {
        return Double.doubleToRawLongBits(v);
    }

    public static int asI32(long slot) {
        return (int) slot;
    }

    public static float asF32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    public static double asF64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    /** Normalizes a slot to its canonical form for a type, e.g. drops the high bits of an f32. */
    public static long normalize(ValType type, long slot) {
        return switch (type) {
            case I32 -> (int) slot;
            case F32 -> slot & 0xFFFF_FFFFL;
            default -> slot;
        };
    }

    /** Renders a slot value for messages, e.g. {@code i32:42}. */
    public static String toString(ValType type, long slot) {
        return switch (type) {
            case I32 -> "i32:" + (int) slot;
            case I64 -> "i64:" + slot;
            case F32 -> "f32:" + asF32(slot);
            case F64 -> "f64:" + asF64(slot);
            case FUNCREF, EXTERNREF, EXNREF -> type + ":" + (slot == NULL_REF ? "null" : Long.toString(slot));
            case V128 -> "v128";
        };
    }
}
