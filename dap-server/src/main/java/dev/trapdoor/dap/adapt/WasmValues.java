package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.ValType;

/** Formats and parses Wasm values in the engine's slot representation, as the variables view shows them. */
public final class WasmValues {
    private WasmValues() {
    }

    public static String format(ValType type, long slot, boolean hex) {
        return switch (type) {
            case I32 -> hex ? "0x" + Integer.toHexString((int) slot) : Integer.toString((int) slot);
            case I64 -> hex ? "0x" + Long.toHexString(slot) : Long.toString(slot);
            case F32 -> Float.toString(Values.asF32(slot));
            case F64 -> Double.toString(Values.asF64(slot));
            case FUNCREF, EXTERNREF, EXNREF -> slot == Values.NULL_REF ? "null" : type + " " + slot;
            case V128 -> "(v128)";
        };
    }

    /**
     * Parses what a person typed for a value of {@code type}: integers in decimal or {@code 0x} hex (negative allowed,
     * unsigned values that fit the width accepted), floats as decimal, {@code inf}, {@code -inf} or {@code nan},
     * references as {@code null} or an address.
     *
     * @throws IllegalArgumentException with a message meant for a person
     */
    public static long parse(ValType type, String text) {
        String t = text.trim();
        try {
            return switch (type) {
                case I32 -> {
                    long v = parseInteger(t);
                    if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                        throw new IllegalArgumentException("'" + text + "' does not fit in an i32");
                    }
                    yield Values.i32((int) v);
                }
                case I64 -> parseInteger(t);
                case F32 -> Values.f32((float) parseDouble(t));
                case F64 -> Values.f64(parseDouble(t));
                case FUNCREF, EXTERNREF, EXNREF -> t.equals("null") ? Values.NULL_REF : parseInteger(t);
                case V128 -> throw new IllegalArgumentException("v128 values cannot be set");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + type
                    + " value");
        }
    }

    static long parseInteger(String t) {
        boolean negative = t.startsWith("-");
        String digits = negative ? t.substring(1) : t;
        long v;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            v = Long.parseUnsignedLong(digits.substring(2).replace("_", ""), 16);
        } else {
            v = Long.parseLong(digits.replace("_", ""));
        }
        return negative ? -v : v;
    }

    private static double parseDouble(String t) {
        return switch (t) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }

    /** The Wasm type's name as DAP's {@code type} field shows it. */
    public static String typeName(ValType type) {
        return type.toString();
    }
}
