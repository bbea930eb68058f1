package dev.trapdoor.engine.exec;

/**
 * How GC references live in {@code long} slots. Null is {@link Values#NULL_REF}; an {@code i31} is
 * {@link #I31_TAG} plus its 31 bits; a struct or array is {@link #OBJECT_TAG} (and {@link #ARRAY_BIT} for an array)
 * plus its handle in the store's {@link GcHeap}. A host's external value, a function address and an exception index have neither tag bit, so
 * {@code any.convert_extern} and {@code extern.convert_any} change no bits: an external value taken into the any
 * hierarchy is neither i31 nor an object (it is only {@code any}), and converted back it is the host's value again.
 * Hosts must therefore pass external values with bits 61 and 62 clear (and not -1).
 */
public final class GcRefs {
    public static final long I31_TAG = 1L << 62;
    public static final long OBJECT_TAG = 1L << 61;
    /** Beside {@link #OBJECT_TAG}: the object is an array (so a slot alone tells struct from array). */
    public static final long ARRAY_BIT = 1L << 60;

    private GcRefs() {
    }

    public static long i31(int value) {
        return I31_TAG | (value & 0x7FFF_FFFFL);
    }

    public static boolean isI31(long ref) {
        return ref != Values.NULL_REF && (ref & I31_TAG) != 0;
    }

    public static boolean isObject(long ref) {
        return ref != Values.NULL_REF && (ref & (I31_TAG | OBJECT_TAG)) == OBJECT_TAG;
    }

    /** The i31's value, sign-extended from 31 bits. */
    public static int i31Signed(long ref) {
        return (int) (ref << 33 >> 33);
    }

    public static int i31Unsigned(long ref) {
        return (int) (ref & 0x7FFF_FFFFL);
    }

    public static boolean isArray(long ref) {
        return isObject(ref) && (ref & ARRAY_BIT) != 0;
    }

    public static boolean isStruct(long ref) {
        return isObject(ref) && (ref & ARRAY_BIT) == 0;
    }

    static int handle(long ref) {
        return (int) ref;
    }

    static long ref(int handle, boolean array) {
        return OBJECT_TAG | (array ? ARRAY_BIT : 0) | handle;
    }
}
