package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.model.ValType;

/**
 * v128 values as a person sees them: a one-line hex summary (the 16 bytes as one 128-bit little-endian number, so
 * lane 0 is at the right), lane views by shape ({@code i8x16} ... {@code f64x2}), and parsing of what a person
 * types for a whole value: that hex number, or a shape followed by its lanes ({@code i32x4 1 2 3 4}).
 */
public final class V128Values {
    /** The lane shapes, in the order the variables view lists them. */
    public static final String[] SHAPES = {"i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"};

    private V128Values() {
    }

    public static boolean isShape(String s) {
        for (String shape : SHAPES) {
            if (shape.equals(s)) {
                return true;
            }
        }
        return false;
    }

    public static String summary(long low, long high) {
        return String.format("0x%016x%016x", high, low);
    }

    /** Lane width in bits of a shape. */
    public static int width(String shape) {
        return switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new EvalException("unknown v128 shape '" + shape + "' (use " + String.join(", ", SHAPES)
                    + ")");
        };
    }

    public static int lanes(String shape) {
        return 128 / width(shape);
    }

    /** The Wasm type a lane reads as: i32 for lanes of 8, 16 and 32 bits, else the shape's own. */
    public static ValType laneType(String shape) {
        return switch (shape) {
            case "i64x2" -> ValType.I64;
            case "f32x4" -> ValType.F32;
            case "f64x2" -> ValType.F64;
            default -> ValType.I32;
        };
    }

    /** Lane {@code i} as a slot of {@link #laneType}: integer lanes sign-extended, f32 as its bits. */
    public static long lane(long low, long high, String shape, int i) {
        checkLane(shape, i);
        int width = width(shape);
        int per = 64 / width;
        long half = i < per ? low : high;
        long v = half >>> ((i % per) * width);
        return switch (width) {
            case 8 -> (byte) v;
            case 16 -> (short) v;
            case 32 -> shape.startsWith("f") ? v & 0xFFFF_FFFFL : (int) v;
            default -> v;
        };
    }

    /** {low, high} with lane {@code i} set to {@code slot}'s low bits. */
    public static long[] withLane(long low, long high, String shape, int i, long slot) {
        checkLane(shape, i);
        int width = width(shape);
        int per = 64 / width;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        int shift = (i % per) * width;
        if (i < per) {
            low = low & ~(mask << shift) | (slot & mask) << shift;
        } else {
            high = high & ~(mask << shift) | (slot & mask) << shift;
        }
        return new long[] {low, high};
    }

    private static void checkLane(String shape, int i) {
        if (i < 0 || i >= lanes(shape)) {
            throw new EvalException("lane " + i + " does not exist in " + shape + " (lanes 0-" + (lanes(shape) - 1)
                    + ")");
        }
    }

    /** {low, high} of what a person typed for a whole v128. */
    public static long[] parse(String text) {
        String t = text.trim();
        String[] parts = t.split("\\s+");
        if (parts.length == 1) {
            String hex = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2).replace("_", "") : null;
            if (hex == null || hex.isEmpty() || hex.length() > 32 || !hex.matches("[0-9a-fA-F]+")) {
                throw new IllegalArgumentException("'" + text + "' is not a v128: type 0x and up to 32 hex digits,"
                        + " or a shape and its lanes (i32x4 1 2 3 4)");
            }
            String padded = "0".repeat(32 - hex.length()) + hex;
            return new long[] {Long.parseUnsignedLong(padded.substring(16), 16),
                    Long.parseUnsignedLong(padded.substring(0, 16), 16)};
        }
        String shape = parts[0];
        if (!isShape(shape) || parts.length != lanes(shape) + 1) {
            throw new IllegalArgumentException("'" + text + "' is not a v128: a shape (" + String.join(", ", SHAPES)
                    + ") must be followed by its lanes");
        }
        long[] v = {0, 0};
        for (int i = 0; i < lanes(shape); i++) {
            long slot = WasmValues.parse(laneType(shape), parts[i + 1]);
            v = withLane(v[0], v[1], shape, i, slot);
        }
        return v;
    }
}
