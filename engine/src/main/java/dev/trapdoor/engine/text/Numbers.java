package dev.trapdoor.engine.text;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The numbers of the text format: integers (decimal or hex, {@code _} between digits), and floats (decimal, hex,
 * {@code inf}, {@code nan}, {@code nan:0x...}) rounded to nearest-even once, from the literal.
 */
public final class Numbers {
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final String HEX = "[0-9a-fA-F](?:_?[0-9a-fA-F])*";
    private static final Pattern INT = Pattern.compile("[+-]?(?:" + DIGITS + "|0x" + HEX + ")");
    private static final Pattern DEC_FLOAT = Pattern.compile(
            "[+-]?" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?(?:[eE][+-]?" + DIGITS + ")?");
    private static final Pattern HEX_FLOAT = Pattern.compile(
            "[+-]?0x" + HEX + "(?:\\.(?:" + HEX + ")?)?(?:[pP][+-]?" + DIGITS + ")?");
    private static final Pattern NAN_PAYLOAD = Pattern.compile("[+-]?nan:0x" + HEX);

    private Numbers() {
    }

    /** The value of an integer literal, or {@code null} if the text is not one. */
    public static BigInteger integer(String text) {
        if (!INT.matcher(text).matches()) {
            return null;
        }
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger v = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        return negative ? v.negate() : v;
    }

    /** An unsigned literal (no sign) below {@code 2^bits}, or {@code null}. */
    public static BigInteger unsigned(String text, int bits) {
        if (text.startsWith("+") || text.startsWith("-")) {
            return null;
        }
        BigInteger v = integer(text);
        return v == null || v.bitLength() > bits ? null : v;
    }

    /** The bits of an {@code iN} literal, signed or unsigned, or {@code null} when it is no such literal. */
    public static Long bits(String text, int bits) {
        BigInteger v = integer(text);
        if (v == null) {
            return null;
        }
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            return null;
        }
        return v.longValue();
    }

    /** Whether the text looks like a number at all, so "out of range" can be told from "not a number". */
    public static boolean looksNumeric(String text) {
        return INT.matcher(text).matches() || DEC_FLOAT.matcher(text).matches() || HEX_FLOAT.matcher(text).matches()
                || text.matches("[+-]?(inf|nan)") || NAN_PAYLOAD.matcher(text).matches();
    }

    /** The bits of an f32 literal, or {@code null} when it is none or out of range. */
    public static Integer f32(String text) {
        Long b = floatBits(text, false);
        return b == null ? null : (int) (long) b;
    }

    /** The bits of an f64 literal, or {@code null} when it is none or out of range. */
    public static Long f64(String text) {
        return floatBits(text, true);
    }

    private static Long floatBits(String text, boolean f64) {
        boolean negative = text.startsWith("-");
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        long sign = negative ? (f64 ? Long.MIN_VALUE : 0x8000_0000L) : 0;
        long expMask = f64 ? 0x7FF0_0000_0000_0000L : 0x7F80_0000L;
        long fracMask = f64 ? 0x000F_FFFF_FFFF_FFFFL : 0x007F_FFFFL;
        if (body.equals("inf")) {
            return sign | expMask;
        }
        if (body.equals("nan")) {
            return sign | expMask | (f64 ? 1L << 51 : 1L << 22);
        }
        if (NAN_PAYLOAD.matcher(text).matches()) {
            BigInteger payload = new BigInteger(body.substring(6).replace("_", ""), 16);
            if (payload.signum() == 0 || payload.bitLength() > (f64 ? 52 : 23)) {
                return null;
            }
            return sign | expMask | (payload.longValue() & fracMask);
        }
        String s;
        if (DEC_FLOAT.matcher(text).matches()) {
            s = text.replace("_", "");
        } else if (HEX_FLOAT.matcher(text).matches()) {
            s = text.replace("_", "");
            if (!s.contains("p") && !s.contains("P")) {
                s += "p0";
            }
            s = hexExponentClamped(s);
        } else {
            return null;
        }
        if (f64) {
            double d = Double.parseDouble(s);
            return Double.isInfinite(d) ? null : Double.doubleToRawLongBits(d);
        }
        float f = Float.parseFloat(s);
        return Float.isInfinite(f) ? null : Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
    }

    /** Java reads the exponent of a hex float as an int; a literal's exponent beyond that range saturates. */
    private static String hexExponentClamped(String s) {
        int p = Math.max(s.indexOf('p'), s.indexOf('P'));
        String exp = s.substring(p + 1);
        BigInteger e = new BigInteger(exp.startsWith("+") ? exp.substring(1) : exp);
        BigInteger limit = BigInteger.valueOf(100_000);
        if (e.abs().compareTo(limit) > 0) {
            return s.substring(0, p + 1) + (e.signum() < 0 ? "-" : "") + limit;
        }
        return s;
    }
}
