package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/** Integer division and float-to-integer truncation: the numeric operations that can trap, with their operands. */
final class Arith {
    private Arith() {
    }

    private static TrapSignal divZero(String op, long a) {
        return divZero(op, Long.toString(a));
    }

    private static TrapSignal divZero(String op, String a) {
        return new TrapSignal(TrapKind.INTEGER_DIVIDE_BY_ZERO, new TrapDetail.Arithmetic(op, a, "0"));
    }

    private static TrapSignal overflow(String op, long a) {
        return new TrapSignal(TrapKind.INTEGER_OVERFLOW, new TrapDetail.Arithmetic(op, Long.toString(a), "-1"));
    }

    static int i32DivS(int a, int b) {
        if (b == 0) {
            throw divZero("i32.div_s", a);
        }
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw overflow("i32.div_s", a);
        }
        return a / b;
    }

    static int i32DivU(int a, int b) {
        if (b == 0) {
            throw divZero("i32.div_u", Integer.toUnsignedLong(a));
        }
        return Integer.divideUnsigned(a, b);
    }

    static int i32RemS(int a, int b) {
        if (b == 0) {
            throw divZero("i32.rem_s", a);
        }
        return b == -1 ? 0 : a % b;
    }

    static int i32RemU(int a, int b) {
        if (b == 0) {
            throw divZero("i32.rem_u", Integer.toUnsignedLong(a));
        }
        return Integer.remainderUnsigned(a, b);
    }

    static long i64DivS(long a, long b) {
        if (b == 0) {
            throw divZero("i64.div_s", a);
        }
        if (b == -1 && a == Long.MIN_VALUE) {
            throw overflow("i64.div_s", a);
        }
        return a / b;
    }

    static long i64DivU(long a, long b) {
        if (b == 0) {
            throw divZero("i64.div_u", Long.toUnsignedString(a));
        }
        return Long.divideUnsigned(a, b);
    }

    static long i64RemS(long a, long b) {
        if (b == 0) {
            throw divZero("i64.rem_s", a);
        }
        return b == -1 ? 0 : a % b;
    }

    static long i64RemU(long a, long b) {
        if (b == 0) {
            throw divZero("i64.rem_u", Long.toUnsignedString(a));
        }
        return Long.remainderUnsigned(a, b);
    }

    private static TrapSignal badConversion(String op, double x) {
        return new TrapSignal(Double.isNaN(x) ? TrapKind.INVALID_CONVERSION_TO_INTEGER : TrapKind.INTEGER_OVERFLOW,
                new TrapDetail.Conversion(op, x));
    }

    static int i32TruncS(double x, String op) {
        if (!(x > -2147483649.0 && x < 2147483648.0)) {
            throw badConversion(op, x);
        }
        return (int) x;
    }

    static int i32TruncU(double x, String op) {
        if (!(x > -1.0 && x < 4294967296.0)) {
            throw badConversion(op, x);
        }
        return (int) (long) x;
    }

    static long i64TruncS(double x, String op) {
        if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) {
            throw badConversion(op, x);
        }
        return (long) x;
    }

    static long i64TruncU(double x, String op) {
        if (!(x > -1.0 && x < 18446744073709551616.0)) {
            throw badConversion(op, x);
        }
        return truncU64(x);
    }

    /** Truncates a double in [0, 2^64) to an unsigned 64-bit value. */
    static long truncU64(double x) {
        if (x < 9223372036854775808.0) {
            return (long) x;
        }
        return (long) (x - 9223372036854775808.0) ^ Long.MIN_VALUE;
    }

    static long satU64(double x) {
        if (Double.isNaN(x) || x <= 0) {
            return 0;
        }
        if (x >= 18446744073709551616.0) {
            return -1L;
        }
        return truncU64(x);
    }

    static int satU32(double x) {
        if (Double.isNaN(x) || x <= 0) {
            return 0;
        }
        if (x >= 4294967296.0) {
            return -1;
        }
        return (int) (long) x;
    }

    /** Unsigned 64-bit to float with one rounding (halving keeps the sticky bit so rounding stays correct). */
    static float u64ToF32(long v) {
        if (v >= 0) {
            return (float) v;
        }
        float f = (float) ((v >>> 1) | (v & 1));
        return f * 2f;
    }

    static double u64ToF64(long v) {
        if (v >= 0) {
            return (double) v;
        }
        double d = (double) ((v >>> 1) | (v & 1));
        return d * 2.0;
    }
}
