package dev.trapdoor.engine.exec;

/**
 * Per-interpreter working space of the SIMD instructions: unpacked lanes of up to three operands and of the result,
 * and the result's two halves. One per interpreter, so SIMD code allocates nothing; instructions never nest.
 */
final class SimdScratch {
    final long[] a = new long[16];
    final long[] b = new long[16];
    final long[] c = new long[16];
    final long[] r = new long[16];
    long lo;
    long hi;

    /** Sets the result from {@link #r}'s lanes of {@code width} bits. */
    void pack(int width) {
        lo = V128.packLo(r, width);
        hi = V128.packHi(r, width);
    }

    void set(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }
}
