package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.model.ValType;

/**
 * A typed value in the engine's slot representation: what an expression evaluates to. A v128 keeps its high 8 bytes
 * in {@code high} ({@code slot} holds the low 8); other types leave it 0.
 */
public record WasmValue(ValType type, long slot, long high) {
    public WasmValue(ValType type, long slot) {
        this(type, slot, 0);
    }

    public static WasmValue i32(long v) {
        return new WasmValue(ValType.I32, (int) v);
    }

    public static WasmValue i64(long v) {
        return new WasmValue(ValType.I64, v);
    }

    public static WasmValue f64(double v) {
        return new WasmValue(ValType.F64, Double.doubleToRawLongBits(v));
    }

    public boolean isFloat() {
        return type == ValType.F32 || type == ValType.F64;
    }

    /** The value as a Java double (floats) or long (integers) widened to double. */
    public double asDouble() {
        return switch (type) {
            case F32 -> Float.intBitsToFloat((int) slot);
            case F64 -> Double.longBitsToDouble(slot);
            default -> asLong();
        };
    }

    /** Integers sign-extended; floats truncated. */
    public long asLong() {
        return switch (type) {
            case I32 -> (int) slot;
            case F32, F64 -> (long) asDouble();
            default -> slot;
        };
    }

    /** Whether a condition holding this value is true: non-zero (null references are false). */
    public boolean truthy() {
        return switch (type) {
            case F32, F64 -> asDouble() != 0;
            case FUNCREF, EXTERNREF, EXNREF -> slot != -1;
            default -> asLong() != 0;
        };
    }

    /** This value converted for storing into a location of another type. */
    public long convertTo(ValType target) {
        return switch (target) {
            case I32 -> (int) asLong();
            case I64 -> asLong();
            case F32 -> isFloat() ? Float.floatToRawIntBits((float) asDouble()) & 0xFFFF_FFFFL
                    : Float.floatToRawIntBits((float) asLong()) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(isFloat() ? asDouble() : (double) asLong());
            default -> slot;
        };
    }

    public String display(boolean hex) {
        return type == ValType.V128 ? V128Values.summary(slot, high) : WasmValues.format(type, slot, hex);
    }
}
