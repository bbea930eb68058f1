package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.GcRefs;
import dev.trapdoor.engine.exec.Values;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * Converts wast2json values to the engine's slots (see {@link Values}) and matches results against expectations.
 * Floats compare bit for bit, except the NaN patterns; slots must also be in canonical form (i32 sign-extended, f32
 * with zero high bits), since hosts and the debugger read them as such.
 */
final class SpecValues {
    private static final int F32_CANONICAL_NAN = 0x7FC0_0000;
    private static final long F64_CANONICAL_NAN = 0x7FF8_0000_0000_0000L;

    private SpecValues() {
    }

    /** The engine's flat form of arguments: a v128 takes two longs, low half first. */
    static long[] toSlots(List<WastValue> values) {
        long[] slots = new long[values.size() + (int) values.stream().filter(v -> v.type().equals("v128")).count()];
        int j = 0;
        for (WastValue v : values) {
            if (v.type().equals("v128")) {
                long[] halves = SpecV128.parse(v.value());
                slots[j++] = halves[0];
                slots[j++] = halves[1];
            } else {
                slots[j++] = toSlot(v);
            }
        }
        return slots;
    }

    /** The slot of an argument (or of an exact expected value). */
    static long toSlot(WastValue v) {
        String s = v.value();
        return switch (v.type()) {
            case "i32" -> (int) parseBits(s);
            case "i64", "f64" -> parseBits(s);
            case "f32" -> parseBits(s) & 0xFFFF_FFFFL;
            case "externref" -> "null".equals(s) ? Values.NULL_REF : parseBits(s);
            case "funcref" -> {
                if (!"null".equals(s)) {
                    throw new IllegalArgumentException("a funcref argument can only be null, got " + v);
                }
                yield Values.NULL_REF;
            }
            default -> {
                if (v.type().startsWith("ref.null")) {
                    yield Values.NULL_REF;
                }
                if (v.type().startsWith("ref.") || v.type().equals("either")) {
                    // 3.0's GC patterns (ref.struct, ref.i31 ...), (either ...), nulls of other heap types.
                    Assumptions.abort("feature missing: the result pattern " + v.type());
                }
                throw new IllegalArgumentException("unknown value type " + v.type());
            }
        };
    }

    /** wast2json writes unsigned decimals; accept a sign too, so hand-written values work. */
    private static long parseBits(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing value");
        }
        return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
    }

    /** {@code null} when {@code actual} matches {@code expected}, else why not. */
    static String mismatch(WastValue expected, long actual) {
        String s = expected.value();
        switch (expected.type()) {
            case "f32" -> {
                if ("nan:canonical".equals(s) || "nan:arithmetic".equals(s)) {
                    int bits = (int) actual;
                    int mask = s.equals("nan:canonical") ? 0x7FFF_FFFF : F32_CANONICAL_NAN;
                    return (bits & mask) == F32_CANONICAL_NAN && (actual >>> 32) == 0 ? null
                            : "expected " + s + " but got " + describe("f32", actual);
                }
            }
            case "f64" -> {
                if ("nan:canonical".equals(s) || "nan:arithmetic".equals(s)) {
                    long mask = s.equals("nan:canonical") ? 0x7FFF_FFFF_FFFF_FFFFL : F64_CANONICAL_NAN;
                    return (actual & mask) == F64_CANONICAL_NAN ? null
                            : "expected " + s + " but got " + describe("f64", actual);
                }
            }
            case "funcref", "externref" -> {
                if (s == null) {
                    // A bare ref.func / ref.extern pattern: any non-null reference.
                    return actual != Values.NULL_REF ? null
                            : "expected a non-null " + expected.type() + " but got null";
                }
            }
            default -> {
                String gc = gcMismatch(expected, actual);
                if (gc != null) {
                    return gc.isEmpty() ? null : gc;
                }
            }
        }
        long want = toSlot(expected);
        if (actual == want) {
            return null;
        }
        String why = "expected " + describe(expected.type(), want) + " but got " + describe(expected.type(), actual);
        if (expected.type().equals("i32") && (int) actual == (int) want) {
            why += " (the i32 slot is not sign-extended)";
        } else if (expected.type().equals("f32") && (int) actual == (int) want) {
            why += " (the f32 slot has high bits set)";
        }
        return why;
    }

    /**
     * GC's result patterns, told from the slot alone ({@link GcRefs}): "" when {@code actual} matches, a reason when
     * not, {@code null} when {@code expected} is no such pattern.
     */
    private static String gcMismatch(WastValue expected, long actual) {
        String type = expected.type();
        boolean matches;
        switch (type) {
            case "ref.i31" -> matches = GcRefs.isI31(actual);
            case "ref.struct" -> matches = GcRefs.isStruct(actual);
            case "ref.array" -> matches = GcRefs.isArray(actual);
            case "ref.eq" -> matches = GcRefs.isI31(actual) || GcRefs.isObject(actual);
            case "ref.any" -> matches = actual != Values.NULL_REF;
            default -> {
                if (!type.startsWith("ref.null")) {
                    return null;
                }
                matches = actual == Values.NULL_REF;
            }
        }
        return matches ? "" : "expected " + type + " but got the slot " + String.format("0x%x", actual);
    }

    /** {@code null} when the results match, else a message naming every mismatching result. */
    static String mismatch(List<WastValue> expected, long[] actual) {
        if (actual == null) {
            return "expected " + expected + " but got no result array";
        }
        int flat = expected.size() + (int) expected.stream().filter(SpecValues::isV128).count();
        if (actual.length != flat) {
            return "expected " + expected.size() + " results " + expected + " but got " + actual.length;
        }
        StringBuilder sb = new StringBuilder();
        int j = 0;
        for (int i = 0; i < expected.size(); i++) {
            WastValue e = expected.get(i);
            String m = isV128(e) ? SpecV128.mismatch(e, actual[j], actual[j + 1]) : mismatch(e, actual[j]);
            j += isV128(e) ? 2 : 1;
            if (m != null) {
                sb.append(sb.length() == 0 ? "" : "; ").append("result ").append(i).append(": ").append(m);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** A v128 value, or an {@code either} of v128 alternatives (relaxed SIMD). */
    private static boolean isV128(WastValue v) {
        return v.type().equals("v128") || v.type().equals("either") && !v.alternatives().isEmpty()
                && v.alternatives().get(0).type().equals("v128");
    }

    /** Renders a slot for messages; floats show their bits, since bit-exactness is what is compared. */
    static String describe(String type, long slot) {
        return switch (type) {
            case "i32" -> "i32:" + (int) slot + (slot != (int) slot ? String.format(" [slot 0x%016x]", slot) : "");
            case "i64" -> "i64:" + slot;
            case "f32" -> String.format("f32:%s [0x%08x%s]", Float.intBitsToFloat((int) slot), (int) slot,
                    (slot >>> 32) != 0 ? String.format(", slot 0x%016x", slot) : "");
            case "f64" -> String.format("f64:%s [0x%016x]", Double.longBitsToDouble(slot), slot);
            case "funcref", "externref" -> type + ":" + (slot == Values.NULL_REF ? "null" : Long.toString(slot));
            default -> type + ":" + slot;
        };
    }

    static String describe(long[] results) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < results.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("0x%x", results[i]));
        }
        return sb.append(']').toString();
    }
}
