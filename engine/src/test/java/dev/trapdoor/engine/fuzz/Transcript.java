package dev.trapdoor.engine.fuzz;

import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * The text both sides print for a value or a trap ({@code fuzz/v8-runner.js} has the JavaScript twin). Floats are
 * their raw bits, so -0.0 and 0.0 differ; a NaN is just "nan": JavaScript numbers do not keep NaN payloads, and the
 * spec leaves most of them open anyway (the modules are {@code --denan}ed, so NaNs are rare).
 */
final class Transcript {
    private Transcript() {
    }

    static String value(ValType type, long slot) {
        return switch (type) {
            case I32 -> "i32:" + (int) slot;
            case I64 -> "i64:" + slot;
            case F32 -> Float.isNaN(Values.asF32(slot)) ? "f32:nan" : "f32:" + Integer.toHexString((int) slot);
            case F64 -> Double.isNaN(Values.asF64(slot)) ? "f64:nan" : "f64:" + Long.toHexString(slot);
            case FUNCREF, EXTERNREF, EXNREF -> type + ":" + (slot == Values.NULL_REF ? "null" : "nonnull");
            case V128 -> "v128";
        };
    }

    /**
     * A logged v128 (low half first). A NaN's payload may differ between engines and {@code --denan} does not reach
     * lanes, and the lanes' types are unknown here: a half whose high 32-bit lane is an f32 NaN prints {@code nan64}
     * (every f64 NaN has such a high lane, and then its low lane is payload; f32x4.max gave propagated NaNs in lanes 2
     * and 3 that made an f64 NaN here and canonical f32 NaNs in V8, seed 1796553649406), else each lane prints
     * {@code nan32} for an f32 NaN or its hex: what {@code v8-runner.js} prints too.
     */
    static String v128(long low, long high) {
        StringBuilder sb = new StringBuilder("v128:");
        for (long half : new long[]{low, high}) {
            if (sb.length() > 5) {
                sb.append(',');
            }
            int lo = (int) half;
            int hi = (int) (half >>> 32);
            if (Float.isNaN(Float.intBitsToFloat(hi))) {
                sb.append("nan64");
                continue;
            }
            sb.append(lane(lo)).append(',').append(lane(hi));
        }
        return sb.toString();
    }

    private static String lane(int bits) {
        return Float.isNaN(Float.intBitsToFloat(bits)) ? "nan32" : String.format("%08x", bits);
    }

    /**
     * A trap as V8 can tell it: V8 reports a null table entry and a signature mismatch of {@code call_indirect} with
     * one message, an index past the table's end as a table access out of bounds, and a float-to-integer truncation
     * of a NaN or of an out-of-range value alike ("float unrepresentable in integer range"), where the spec says
     * "invalid conversion to integer" and "integer overflow". So an integer overflow at a truncation opcode (0xA8 to
     * 0xB1, read at the trap's module offset) is told from one at a division by that opcode.
     */
    static String trap(Trap t, byte[] module) {
        int at = t.moduleOffset();
        int op = at >= 0 && at < module.length ? module[at] & 0xFF : -1;
        boolean truncation = op >= 0xA8 && op <= 0xB1;
        return switch (t.kind()) {
            case UNINITIALIZED_ELEMENT, INDIRECT_CALL_TYPE_MISMATCH -> "indirect call";
            case UNDEFINED_ELEMENT -> TrapKind.TABLE_OUT_OF_BOUNDS.message();
            case INVALID_CONVERSION_TO_INTEGER -> "float unrepresentable";
            case INTEGER_OVERFLOW -> truncation ? "float unrepresentable" : t.kind().message();
            default -> t.kind().message();
        };
    }
}
