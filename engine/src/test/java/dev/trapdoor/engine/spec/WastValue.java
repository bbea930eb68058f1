package dev.trapdoor.engine.spec;

/**
 * One value as wast2json writes it: a type name and a decimal string. Integers and float bit patterns are unsigned
 * decimals; {@code value} is {@code "nan:canonical"} / {@code "nan:arithmetic"} for NaN patterns, {@code "null"} for
 * null references, {@code null} when wast2json gave none (a bare {@code ref.func} / {@code ref.extern} pattern), and
 * the JSON text of the lane array for {@code v128}.
 */
record WastValue(String type, String value) {
    @Override
    public String toString() {
        return type + ":" + value;
    }
}
