package dev.trapdoor.engine.dwarf;

import java.math.BigInteger;
import java.util.Locale;

/** Parses text for a scalar type and stores it where the value lives (read-modify-write for bitfields). */
final class ValueWriter {
    private ValueWriter() {
    }

    static void write(Value value, String text, MachineState state) throws EvaluationException {
        CType t = value.type.strip();
        String s = text.trim();
        byte[] bytes;
        int size = (int) t.byteSize();
        switch (t.kind) {
            case BASE -> {
                if (size < 1 || size > 16) {
                    throw new EvaluationException("cannot write a value of type " + value.type.spell());
                }
                if (t.encoding == CType.ATE_FLOAT) {
                    bytes = Scalars.fromDouble(parseDouble(s), size);
                } else if (t.encoding == CType.ATE_BOOLEAN && (s.equals("true") || s.equals("false"))) {
                    bytes = Scalars.fromLong(s.equals("true") ? 1 : 0, size);
                } else {
                    bytes = Scalars.fromLong(fit(parseInteger(s), value), size);
                }
            }
            case ENUM -> {
                Long byName = null;
                for (CType.Enumerator e : t.enumerators) {
                    if (e.name() != null && e.name().equals(s)) {
                        byName = e.value();
                    }
                }
                bytes = Scalars.fromLong(byName != null ? byName : fit(parseInteger(s), value), size);
            }
            case POINTER -> {
                long address = s.equals("NULL") || s.equals("nullptr") ? 0 : parseInteger(s);
                bytes = Scalars.fromLong(fit(address, value), size);
            }
            default -> throw new EvaluationException("cannot write a value of type " + value.type.spell()
                    + "; write its members or elements one by one");
        }
        try {
            if (value.bitSize > 0) {
                writeBits(value, state, Scalars.toLong(bytes, Math.min(size, 8), false));
            } else {
                value.place.write(state, 0, bytes);
            }
        } catch (IllegalArgumentException | IllegalStateException notWritable) {
            throw new EvaluationException("cannot write " + value.name() + ": " + notWritable.getMessage());
        }
    }

    private static void writeBits(Value value, MachineState state, long bits) throws EvaluationException {
        int length = (value.bitOffset + value.bitSize + 7) / 8;
        byte[] storage = value.place.read(state, 0, length);
        if (storage == null) {
            throw new EvaluationException("cannot write " + value.name() + ": its storage cannot be read");
        }
        long word = Scalars.toLong(storage, length, false);
        long mask = (value.bitSize >= 64 ? -1L : (1L << value.bitSize) - 1) << value.bitOffset;
        word = word & ~mask | bits << value.bitOffset & mask;
        value.place.write(state, 0, Scalars.fromLong(word, length));
    }

    /** Checks that an integer fits the value's width (as signed or unsigned) and returns it. */
    private static long fit(long n, Value value) throws EvaluationException {
        int bits = value.bitSize > 0 ? value.bitSize : (int) Math.min(64, value.type.byteSize() * 8);
        if (bits >= 64) {
            return n;
        }
        long min = -(1L << (bits - 1));
        long max = (1L << bits) - 1;
        if (value.type.isSigned() && !value.type.isPointer()) {
            max = (1L << (bits - 1)) - 1;
        } else if (n < 0 && n >= min) {
            return n; // e.g. -1 for an unsigned field: all bits set, as C's conversion gives.
        }
        if (n < min || n > max) {
            throw new EvaluationException("value " + n + " does not fit " + value.typeName());
        }
        return n;
    }

    static long parseInteger(String s) throws EvaluationException {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[ul]+$", "");
        try {
            if (t.length() >= 3 && t.startsWith("'") && t.endsWith("'")) {
                return charLiteral(s.substring(1, s.length() - 1));
            }
            boolean negative = t.startsWith("-");
            String digits = negative || t.startsWith("+") ? t.substring(1) : t;
            BigInteger n = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? new BigInteger(digits.substring(1), 8)
                    : new BigInteger(digits);
            if (negative) {
                n = n.negate();
            }
            if (n.bitLength() > 64 || n.signum() < 0 && n.bitLength() > 63) {
                throw new EvaluationException("number too large: " + s);
            }
            return n.longValue();
        } catch (NumberFormatException notNumber) {
            throw new EvaluationException("not a number: '" + s + "'");
        }
    }

    private static long charLiteral(String body) throws EvaluationException {
        if (body.length() == 1) {
            return body.charAt(0);
        }
        if (body.length() == 2 && body.charAt(0) == '\\') {
            return switch (body.charAt(1)) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '0' -> 0;
                case '\\' -> '\\';
                case '\'' -> '\'';
                case '"' -> '"';
                default -> throw new EvaluationException("unknown escape '" + body + "'");
            };
        }
        throw new EvaluationException("not a character: '" + body + "'");
    }

    static double parseDouble(String s) throws EvaluationException {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.endsWith("f") && !t.startsWith("0x")) {
            t = t.substring(0, t.length() - 1);
        }
        switch (t) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException notNumber) {
            throw new EvaluationException("not a number: '" + s + "'");
        }
    }
}
