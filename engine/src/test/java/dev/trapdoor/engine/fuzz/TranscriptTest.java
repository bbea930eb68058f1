package dev.trapdoor.engine.fuzz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A logged v128 prints the same for NaNs whose payloads engines may choose differently, and exactly otherwise. */
class TranscriptTest {
    private static long half(int lo, int hi) {
        return (long) hi << 32 | (lo & 0xffffffffL);
    }

    @Test
    void f32NanLanesThatMakeAnF64NanPrintAsTheCanonicalOnes() {
        // f32x4.max with propagated payloads (lanes 2, 3) against canonical f32 NaNs (seed 1796553649406).
        String propagated = Transcript.v128(half(0x7ffffffe, 0), half(0xfffff800, 0xffffffff));
        String canonical = Transcript.v128(half(0x7fc00000, 0), half(0x7fc00000, 0x7fc00000));
        assertEquals(canonical, propagated);
        assertEquals("v128:nan32,00000000,nan64", canonical);
    }

    @Test
    void anF64NanPrintsTheSameWhateverItsPayload() {
        assertEquals(Transcript.v128(0x7ff8000000000000L, 0), Transcript.v128(0xfff0000000000001L, 0));
    }

    @Test
    void numbersPrintExactly() {
        assertEquals("v128:3f800000,00000001,bf800000,7f800000",
                Transcript.v128(half(0x3f800000, 1), half(0xbf800000, 0x7f800000)));
        assertNotEquals(Transcript.v128(half(1, 2), half(3, 4)), Transcript.v128(half(1, 2), half(3, 5)));
    }
}
