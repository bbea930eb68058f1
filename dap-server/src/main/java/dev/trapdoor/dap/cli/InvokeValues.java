package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Command-line text ↔ Wasm values for {@code --invoke}. Integers are decimal or {@code 0x} hex and may use the
 * unsigned range ({@code 0xffffffff} is i32 -1); floats are Java literals plus {@code inf}, {@code -inf}, {@code nan}.
 */
final class InvokeValues {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private InvokeValues() {
    }

    static long[] parseArgs(String export, FuncType type, List<String> args) {
        if (args.size() != type.paramCount()) {
            throw new CliException(ExitCodes.USAGE, String.format("--invoke %s: expects %d argument%s %s, got %d",
                    export, type.paramCount(), type.paramCount() == 1 ? "" : "s", type, args.size()));
        }
        long[] out = new long[args.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = parse(type.param(i), args.get(i));
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.USAGE, String.format("--invoke %s: argument %d: \"%s\" is not an %s",
                        export, i + 1, args.get(i), type.param(i)));
            }
        }
        return out;
    }

    static long parse(ValType type, String text) {
        return switch (type) {
            case I32 -> {
                long v = integer(text, 32);
                yield Values.i32((int) v);
            }
            case I64 -> integer(text, 64);
            case F32 -> Values.f32((float) floating(text));
            case F64 -> Values.f64(floating(text));
            default -> throw new NumberFormatException("unsupported parameter type " + type);
        };
    }

    /** Parses a signed or unsigned integer of {@code bits} width, returning its two's-complement bits. */
    private static long integer(String text, int bits) {
        String t = text.trim().replace("_", "");
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        BigInteger v = digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits, 10);
        if (negative) {
            v = v.negate();
        }
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new NumberFormatException("out of range");
        }
        return v.signum() < 0 ? v.longValue() : v.mod(TWO_64).longValue();
    }

    private static double floating(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> {
                if (t.endsWith("f") || t.endsWith("d")) {
                    throw new NumberFormatException(text); // Java's type suffixes are not numbers here
                }
                yield Double.parseDouble(t);
            }
        };
    }

    /** One result as printed: signed decimal integers, shortest round-trip floats. */
    static String format(ValType type, long slot) {
        return switch (type) {
            case I32 -> Integer.toString(Values.asI32(slot));
            case I64 -> Long.toString(slot);
            case F32 -> Float.toString(Values.asF32(slot));
            case F64 -> Double.toString(Values.asF64(slot));
            case FUNCREF, EXTERNREF, EXNREF -> slot == Values.NULL_REF ? "null" : type + ":" + slot;
            case V128 -> "v128";
        };
    }
}
