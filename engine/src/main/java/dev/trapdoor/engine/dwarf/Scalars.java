package dev.trapdoor.engine.dwarf;

import java.math.BigInteger;

/** Little-endian bytes to and from the numbers of C's scalar types. */
final class Scalars {
    private Scalars() {
    }

    /** The integer in the first {@code size} bytes (1 to 8), sign-extended when {@code signed}. */
    static long toLong(byte[] bytes, int size, boolean signed) {
        int n = Math.min(size, 8);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (bytes[i] & 0xFF);
        }
        if (signed && n < 8 && n > 0) {
            int shift = 64 - 8 * n;
            v = v << shift >> shift;
        }
        return v;
    }

    static byte[] fromLong(long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size && i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        if (size > 8 && value < 0) {
            for (int i = 8; i < size; i++) {
                b[i] = (byte) 0xFF;
            }
        }
        return b;
    }

    /** The value of a float of 4, 8 or 16 (IEEE binary128, wasm32's long double) bytes. */
    static double toDouble(byte[] bytes, int size) {
        return switch (size) {
            case 4 -> Float.intBitsToFloat((int) toLong(bytes, 4, false));
            case 8 -> Double.longBitsToDouble(toLong(bytes, 8, false));
            case 16 -> quadToDouble(bytes);
            default -> Double.NaN;
        };
    }

    static byte[] fromDouble(double value, int size) {
        return switch (size) {
            case 4 -> fromLong(Float.floatToRawIntBits((float) value), 4);
            case 8 -> fromLong(Double.doubleToRawLongBits(value), 8);
            case 16 -> doubleToQuad(value);
            default -> throw new IllegalArgumentException("unsupported float size " + size);
        };
    }

    /** binary128 to double: rounds the 112-bit fraction down to 52 bits; range overflow becomes infinity. */
    private static double quadToDouble(byte[] b) {
        long lo = toLong(b, 8, false);
        long hi = toLong(slice(b, 8), 8, false);
        boolean negative = hi < 0;
        int exponent = (int) (hi >>> 48) & 0x7FFF;
        long fraction = (hi & 0xFFFF_FFFF_FFFFL) << 4 | lo >>> 60;
        double magnitude;
        if (exponent == 0x7FFF) {
            magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0 && fraction == 0) {
            magnitude = 0;
        } else {
            int unbiased = exponent - 16383;
            if (unbiased > 1023) {
                magnitude = Double.POSITIVE_INFINITY;
            } else if (unbiased < -1022) {
                magnitude = Math.scalb(1.0 + fraction / 0x1p52, unbiased);
            } else {
                magnitude = Double.longBitsToDouble((long) (unbiased + 1023) << 52 | fraction);
            }
        }
        return negative ? -magnitude : magnitude;
    }

    private static byte[] doubleToQuad(double value) {
        long bits = Double.doubleToRawLongBits(value);
        long sign = bits & Long.MIN_VALUE;
        int exponent = (int) (bits >>> 52) & 0x7FF;
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        long hi;
        if (exponent == 0x7FF) {
            hi = sign | 0x7FFFL << 48 | fraction >>> 4;
        } else if (exponent == 0 && fraction == 0) {
            hi = sign;
        } else if (exponent == 0) {
            // Subnormal double: normalize into binary128's wider exponent range.
            int shift = Long.numberOfLeadingZeros(fraction) - 11;
            fraction = fraction << shift & 0xF_FFFF_FFFF_FFFFL;
            hi = sign | (long) (1 - 1023 - shift + 16383) << 48 | fraction >>> 4;
            return join(fraction << 60, hi);
        } else {
            hi = sign | (long) (exponent - 1023 + 16383) << 48 | fraction >>> 4;
        }
        return join(fraction << 60, hi);
    }

    private static byte[] join(long lo, long hi) {
        byte[] out = new byte[16];
        System.arraycopy(fromLong(lo, 8), 0, out, 0, 8);
        System.arraycopy(fromLong(hi, 8), 0, out, 8, 8);
        return out;
    }

    private static byte[] slice(byte[] b, int from) {
        byte[] out = new byte[8];
        System.arraycopy(b, from, out, 0, Math.min(8, b.length - from));
        return out;
    }

    /** An integer wider than 8 bytes, e.g. {@code __int128}, in decimal. */
    static String wide(byte[] bytes, int size, boolean signed) {
        byte[] bigEndian = new byte[size];
        for (int i = 0; i < size; i++) {
            bigEndian[i] = bytes[size - 1 - i];
        }
        return (signed ? new BigInteger(bigEndian) : new BigInteger(1, bigEndian)).toString();
    }

    /** C's rendering of a float, shortest round-trip digits: {@code 3.5}, {@code 1}, {@code -0.25}, {@code 1e+20}. */
    static String formatFloat(double value, boolean single) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String s = single ? Float.toString((float) value) : Double.toString(value);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        if (e < 0) {
            return mantissa;
        }
        String exponent = s.substring(e + 1);
        return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }
}
