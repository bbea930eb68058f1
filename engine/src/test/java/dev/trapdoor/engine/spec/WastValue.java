package dev.trapdoor.engine.spec;

/**
 * One value as wast2json writes it: a type name and a decimal string. Integers and float bit patterns are unsigned
 * decimals; {@code value} is {@code "nan:canonical"} / {@code "nan:arithmetic"} for NaN patterns, {@code "null"} for
 * null references, {@code null} when wast2json gave none (a bare {@code ref.func} / {@code ref.extern} pattern), and
 * the text of the lanes for {@code v128} ({@code i32x4 1 2 3 4}); an {@code either} pattern (relaxed SIMD) lists its
 * {@code alternatives}.
 */
record WastValue(String type, String value, java.util.List<WastValue> alternatives) {
    WastValue(String type, String value) {
        this(type, value, java.util.List.of());
    }


    @Override
    public String toString() {
        return type + ":" + value;
    }
}
