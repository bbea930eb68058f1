package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.ValType;

/**
 * Values crossing the engine's API ({@code invoke} arguments and results, host function arguments and results) are
 * flat {@code long[]}s in which a v128 takes two entries, low half first (see {@link Values}); in the interpreter it
 * takes one slot whose high half lives in the parallel {@code hi} array. These convert between the two.
 */
final class V128Args {
    private V128Args() {
    }

    static boolean any(ValType[] types) {
        for (ValType t : types) {
            if (t == ValType.V128) {
                return true;
            }
        }
        return false;
    }

    /** Number of longs the flat form of {@code types} takes. */
    static int flatLength(ValType[] types) {
        int n = types.length;
        for (ValType t : types) {
            if (t == ValType.V128) {
                n++;
            }
        }
        return n;
    }

    /** Writes flat values into slots {@code base...} of the value stack and its high halves. */
    static void toSlots(ValType[] types, long[] flat, long[] stack, long[] hi, int base) {
        int j = 0;
        for (int i = 0; i < types.length; i++) {
            stack[base + i] = j < flat.length ? flat[j] : 0;
            j++;
            if (types[i] == ValType.V128) {
                hi[base + i] = j < flat.length ? flat[j] : 0;
                j++;
            }
        }
    }

    /** Reads slots {@code base...} as flat values, normalized. */
    static long[] fromSlots(ValType[] types, long[] stack, long[] hi, int base) {
        long[] flat = new long[flatLength(types)];
        int j = 0;
        for (int i = 0; i < types.length; i++) {
            flat[j++] = Values.normalize(types[i], stack[base + i]);
            if (types[i] == ValType.V128) {
                flat[j++] = hi[base + i];
            }
        }
        return flat;
    }
}
