package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code nearest} of a NaN gives the input quieted, sign and payload kept, whatever state the JVM's JIT is in: the
 * first calls run in the JVM's interpreter (where {@code Math.rint} drops a NaN's sign), the later ones in C2's code
 * (where it keeps it). The interpreter and compiled code both reach {@link FloatOps#rounding}, and a tier-parity test
 * saw them disagree when only one call site was hot.
 */
class NearestNaNSignTest {
    private static final int F32_NEAREST = 0x90;
    private static final int F64_NEAREST = 0x9E;
    private static final int[] F32_NANS = {0xFFC0_0000, 0xFF81_2345, 0x7FC0_0000, 0x7F81_2345};
    private static final long[] F64_NANS = {0xFFF8_0000_0000_0000L, 0xFFF0_0000_1234_5678L, 0x7FF8_0000_0000_0000L,
        0x7FF0_0000_1234_5678L};

    @Test
    void keepsTheSignColdAndHot() {
        check("cold");
        long sink = 0;
        for (int i = 0; i < 300_000; i++) {
            sink += FloatOps.rounding(F32_NEAREST, F32_NANS[i & 3] & 0xFFFF_FFFFL);
            sink += FloatOps.rounding(F64_NEAREST, F64_NANS[i & 3]);
        }
        check("hot (" + sink + ")");
    }

    private static void check(String when) {
        for (int nan : F32_NANS) {
            long got = FloatOps.rounding(F32_NEAREST, nan & 0xFFFF_FFFFL);
            assertEquals(Integer.toHexString(nan | 0x0040_0000), Integer.toHexString((int) got),
                    when + " f32.nearest " + Integer.toHexString(nan));
        }
        for (long nan : F64_NANS) {
            long got = FloatOps.rounding(F64_NEAREST, nan);
            assertEquals(Long.toHexString(nan | 0x0008_0000_0000_0000L), Long.toHexString(got),
                    when + " f64.nearest " + Long.toHexString(nan));
        }
    }
}
